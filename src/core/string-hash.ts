const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of a string's UTF-16 code units (for ASCII text, the standard FNV-1a of its bytes),
 * as 16 lower-case hex digits. Not cryptographic: it names things stably, it does not protect them.
 */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // Two bytes per code unit above 0xff keep "ā" from colliding with the byte it would truncate to.
    if (unit > 0xff) hash = ((hash ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK;
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** `prefix:hash` of the sorted ids: the same set of ids gives the same key in any order, on every run. */
export function stableKey(prefix: string, ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // NUL cannot occur in an id, so ["a", "bc"] and ["ab", "c"] never hash the same text.
  return `${prefix}:${fnv1a64(sorted.join('\u0000'))}`;
}
