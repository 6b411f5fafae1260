// Small hand checks of the writers' output: no parser in the dependencies, and these are enough.

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badAmpersand(s: string): boolean {
  for (let i = s.indexOf("&"); i !== -1; i = s.indexOf("&", i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(s)) return true;
  }
  return false;
}

export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/**
 * Parses the XML subset junit.xml uses (prolog, elements, double-quoted attributes,
 * text; no comments, CDATA or doctype) and throws on anything not well-formed:
 * unbalanced tags, raw `<` or bad `&` in text or attributes, characters XML 1.0 forbids.
 */
export function parseXml(xml: string): XmlElement {
  if (XML_ILLEGAL.test(xml)) throw new Error("character illegal in XML 1.0");
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<([^<>]*)>|([^<>]+)|([<>])/g;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const top = stack[stack.length - 1]!;
    if (m[3]) throw new Error(`raw ${m[3]} at ${m.index}`);
    if (m[2] !== undefined) {
      if (badAmpersand(m[2])) throw new Error(`raw & in text at ${m.index}`);
      if (stack.length === 1 && m[2].trim()) throw new Error("text outside the root");
      top.text += m[2];
      continue;
    }
    const tag = m[1]!;
    const close = /^\/([A-Za-z_][\w.-]*)\s*$/.exec(tag);
    if (close) {
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)$/.exec(tag);
    if (!open) throw new Error(`malformed tag <${tag.slice(0, 80)}>`);
    const attrs: Record<string, string> = {};
    for (const a of open[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      if (badAmpersand(a[2]!)) throw new Error(`raw & in attribute ${a[1]}`);
      attrs[a[1]!] = a[2]!;
    }
    const el: XmlElement = { name: open[1]!, attrs, children: [], text: "" };
    if (stack.length === 1 && root.children.length > 0) throw new Error("more than one root element");
    top.children.push(el);
    if (!open[3]) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error("no root element");
  return root.children[0]!;
}

/** Decodes the five predefined entities and numeric references. */
export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'"
      : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}
