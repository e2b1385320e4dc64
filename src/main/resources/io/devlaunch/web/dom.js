// Tiny element helpers. Nothing here takes markup: text goes in as text nodes, so a child's output
// can never become an element (no innerHTML anywhere on the page).

export const $ = (id) => document.getElementById(id);

/** An element with a class, text and attributes; children may be nodes or strings (as text). */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}
