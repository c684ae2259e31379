/** Every object inside a JSON tree (depth first), for checks over whole cards. */
export function objectsIn(tree: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      out.push(node as Record<string, unknown>);
      Object.values(node).forEach(visit);
    }
  };
  visit(tree);
  return out;
}

/** Every key used anywhere in a JSON tree. */
export function keysIn(tree: unknown): Set<string> {
  return new Set(objectsIn(tree).flatMap((o) => Object.keys(o)));
}
