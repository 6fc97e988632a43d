const big =
  "inline-flex min-h-12 w-full items-center justify-center rounded-md px-4 text-base font-medium transition-colors disabled:cursor-not-allowed";
export const primary = `${big} bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-700/50`;
export const secondary = `${big} bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-50`;
export const danger = `${big} bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-50`;
export const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-xs placeholder:text-slate-400 focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600/20";

export function Problem({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}
