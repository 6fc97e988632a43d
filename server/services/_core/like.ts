/** A LIKE pattern that finds `q` anywhere, its wildcards escaped: a search for "50%" means those characters. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
