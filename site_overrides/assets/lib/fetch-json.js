/* The JSON at `url`, or an error naming the address and the status the server gave when it
 * did not send it, so that whoever asked can say the file could not be loaded and try
 * again later. */
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response.json();
}
