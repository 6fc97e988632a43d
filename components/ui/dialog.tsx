/**
 * A modal form over the page: titled, closed with Escape, scrollable on a small screen.
 * Its caller owns focus (an `autoFocus` field) and the buttons.
 */
export function Dialog({
  label,
  onClose,
  children,
}: {
  label: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  return (
    <div
      className="fixed inset-0 z-30 flex overflow-y-auto bg-slate-900/40 p-4"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className="m-auto w-full max-w-lg rounded-lg bg-white p-5 shadow-xl"
      >
        <h2 className="text-lg font-semibold">{label}</h2>
        {children}
      </div>
    </div>
  );
}
