import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** lib/ has no import cycle, counting type-only imports and re-exports (as madge does). */
const root = resolve(import.meta.dirname, '../..');
const lib = join(root, 'lib');

/** Relative imports of every lib/ file, as repository-relative paths of .ts files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(lib, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((ref) => ref.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => {
        const base = resolve(dirname(file), specifier).replace(/\.js$/, '');
        const target = existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
        return relative(root, target);
      });
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Every cycle, as the strongly connected components (Tarjan) with more than one file or a self-import. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node))
      cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it.each([
    [{ a: ['b'], b: ['c'], c: ['a'] }, [['a', 'b', 'c']]],
    [{ a: ['a'] }, [['a']]],
    [{ a: ['b'], b: ['c'], c: [] }, []],
    [{ a: ['b', 'c'], b: ['c'], c: ['b'] }, [['b', 'c']]],
  ])('findCycles(%o) is %o', (edges, expected) => {
    expect(findCycles(new Map(Object.entries(edges)))).toEqual(expected);
  });

  it('lib/ has none, the emulator included, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('lib/playlyfe.module.ts')).toContain('lib/playlyfe.service.ts');
    expect(findCycles(graph)).toEqual([]);
  });
});
