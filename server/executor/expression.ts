/**
 * The small part of CEL that Inngest triggers, waits and priorities use here: field paths on
 * `event` and `async`, string/number/boolean/null literals, == and !=, && and ||, the
 * conditional `a ? b : c`, and parentheses.
 * e.g. `async.data.orderId == event.data.orderId`, `event.data.function_id == 'app-fn'`.
 */
type Token = { t: "id" | "str" | "num" | "op" | "lp" | "rp"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") {
      out.push({ t: c === "(" ? "lp" : "rp", v: c });
      i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated string in ${src}`);
      out.push({ t: "str", v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new Error(`bad number in ${src}`);
      out.push({ t: "num", v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
      if (!m) throw new Error(`bad name in ${src}`);
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else if (c === "?" || c === ":") {
      out.push({ t: "op", v: c });
      i++;
    } else {
      const op = ["==", "!=", "&&", "||"].find((o) => src.startsWith(o, i));
      if (!op) throw new Error(`unsupported expression: ${src}`);
      out.push({ t: "op", v: op });
      i += 2;
    }
  }
  return out;
}

type Scope = Record<string, unknown>;

function lookup(path: string, scope: Scope): unknown {
  if (path === "true") return true;
  if (path === "false") return false;
  if (path === "null") return null;
  let value: unknown = scope;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A condition's truth (triggers, waits). */
export function evaluate(expression: string, scope: Scope): boolean {
  return Boolean(evaluateValue(expression, scope));
}

/** An expression's value (priority seconds, say). */
export function evaluateValue(expression: string, scope: Scope): unknown {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const tok = tokens[pos++];
    if (!tok) throw new Error(`unexpected end of ${expression}`);
    return tok;
  };

  const operand = (): unknown => {
    const tok = next();
    if (tok.t === "lp") {
      const v = conditional();
      if (next().t !== "rp") throw new Error(`missing ) in ${expression}`);
      return v;
    }
    if (tok.t === "str") return tok.v;
    if (tok.t === "num") return Number(tok.v);
    if (tok.t === "id") return lookup(tok.v, scope);
    throw new Error(`unexpected ${tok.v} in ${expression}`);
  };
  const comparison = (): unknown => {
    const left = operand();
    const op = peek();
    if (op?.t === "op" && (op.v === "==" || op.v === "!=")) {
      pos++;
      const right = operand();
      const equal = JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
      return op.v === "==" ? equal : !equal;
    }
    return left;
  };
  const and = (): unknown => {
    let v = comparison();
    while (peek()?.v === "&&") {
      pos++;
      const r = comparison();
      v = Boolean(v) && Boolean(r);
    }
    return v;
  };
  const or = (): unknown => {
    let v = and();
    while (peek()?.v === "||") {
      pos++;
      const r = and();
      v = Boolean(v) || Boolean(r);
    }
    return v;
  };
  const conditional = (): unknown => {
    const test = or();
    if (peek()?.v !== "?") return test;
    pos++;
    const yes = conditional();
    if (next().v !== ":") throw new Error(`missing : in ${expression}`);
    const no = conditional();
    return test ? yes : no;
  };
  const result = conditional();
  if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos]?.v} in ${expression}`);
  return result;
}
