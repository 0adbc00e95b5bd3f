/**
 * PostgreSQL's text form of a tsquery (what `websearch_to_tsquery('dutch', …)::text`
 * returns, e.g. `'robot' & !'dron'` or `'sterr' <-> 'kijk'`) as a tree. The
 * database does the Dutch stemming; the in-memory index evaluates the tree.
 */
export type QueryNode =
  | { op: 'term'; lexeme: string; prefix: boolean }
  | { op: 'not'; arg: QueryNode }
  | { op: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { op: 'phrase'; distance: number; left: QueryNode; right: QueryNode };

type Token = { kind: 'term'; lexeme: string; prefix: boolean } | { kind: 'op'; value: '&' | '|' | '!' | '(' | ')' } | { kind: 'phrase'; distance: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') {
      i++;
    } else if (c === "'") {
      let lexeme = '';
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else if (text[i] === '\\' && i + 1 < text.length) {
          lexeme += text[i + 1];
          i += 2;
        } else {
          lexeme += text[i++];
        }
      }
      let prefix = false;
      if (text[i] === ':') {
        const m = /^:([*A-D]+)/.exec(text.slice(i));
        if (m) {
          prefix = m[1]!.includes('*');
          i += m[0].length;
        }
      }
      tokens.push({ kind: 'term', lexeme, prefix });
    } else if (c === '<') {
      const m = /^<(-|\d+)>/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected '<' in tsquery at ${i}`);
      tokens.push({ kind: 'phrase', distance: m[1] === '-' ? 1 : Number(m[1]) });
      i += m[0].length;
    } else if (c === '&' || c === '|' || c === '!' || c === '(' || c === ')') {
      tokens.push({ kind: 'op', value: c });
      i++;
    } else {
      throw new Error(`unexpected '${c}' in tsquery at ${i}`);
    }
  }
  return tokens;
}

/** Parses tsquery text; an empty string (a query of only stop words) gives undefined. */
export function parseTsquery(text: string): QueryNode | undefined {
  const tokens = tokenize(text);
  if (tokens.length === 0) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (value: string) => {
    const t = peek();
    return t?.kind === 'op' && t.value === value;
  };

  // Precedence as in PostgreSQL: ! binds tightest, then <->, then &, then |.
  function or(): QueryNode {
    let left = and();
    while (isOp('|')) {
      pos++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  }
  function and(): QueryNode {
    let left = phrase();
    while (isOp('&')) {
      pos++;
      left = { op: 'and', left, right: phrase() };
    }
    return left;
  }
  function phrase(): QueryNode {
    let left = unary();
    for (let t = peek(); t?.kind === 'phrase'; t = peek()) {
      pos++;
      left = { op: 'phrase', distance: t.distance, left, right: unary() };
    }
    return left;
  }
  function unary(): QueryNode {
    const t = peek();
    if (!t) throw new Error('tsquery ends too early');
    pos++;
    if (t.kind === 'term') return { op: 'term', lexeme: t.lexeme, prefix: t.prefix };
    if (t.kind === 'op' && t.value === '!') return { op: 'not', arg: unary() };
    if (t.kind === 'op' && t.value === '(') {
      const inner = or();
      if (!isOp(')')) throw new Error('tsquery: missing )');
      pos++;
      return inner;
    }
    throw new Error('tsquery: unexpected token');
  }

  const tree = or();
  if (pos !== tokens.length) throw new Error('tsquery: trailing tokens');
  return tree;
}

/** The lexemes a query looks for (not those it excludes), for ranking. */
export function positiveTerms(node: QueryNode, negated = false, out: Array<{ lexeme: string; prefix: boolean }> = []): Array<{ lexeme: string; prefix: boolean }> {
  switch (node.op) {
    case 'term':
      if (!negated) out.push({ lexeme: node.lexeme, prefix: node.prefix });
      break;
    case 'not':
      positiveTerms(node.arg, !negated, out);
      break;
    default:
      positiveTerms(node.left, negated, out);
      positiveTerms(node.right, negated, out);
  }
  return out;
}

export interface Occurrence {
  /** Word positions in the document, ascending. */
  positions: number[];
  /** Highest weight among them: 3 = A (title), 2 = B, 1 = C, 0 = D. */
  weight: number;
}

/** A document's lexemes, parsed from tsvector text: `'bouw':2A,3B 'robot':1A,5B`. */
export function parseTsvector(text: string): Map<string, Occurrence> {
  const out = new Map<string, Occurrence>();
  const re = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lexeme = m[1]!.replace(/''/g, "'");
    const positions: number[] = [];
    let weight = 0;
    for (const part of (m[2] ?? '').split(',').filter(Boolean)) {
      const p = /^(\d+)([A-D]?)$/.exec(part);
      if (!p) continue;
      positions.push(Number(p[1]));
      const w = p[2] === 'A' ? 3 : p[2] === 'B' ? 2 : p[2] === 'C' ? 1 : 0;
      if (w > weight) weight = w;
    }
    out.set(lexeme, { positions, weight });
  }
  return out;
}
