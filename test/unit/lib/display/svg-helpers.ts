// Test helpers: read marks back out of the static SVG by class (the renderer's contract).
export function marks(svg: string, tag: string, cls: string): Record<string, string>[] {
  const re = new RegExp(`<${tag} class="${cls}"([^>]*?)/?>`, "g");
  return [...svg.matchAll(re)].map((m) => Object.fromEntries([...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Text content of <text class=cls> elements, entities decoded. */
export function texts(svg: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<text[^>]*class="${cls}"[^>]*>([^<]*)</text>`, "g"))].map((m) => m[1].replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]));
}
