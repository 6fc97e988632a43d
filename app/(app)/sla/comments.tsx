"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { sentimentLabel } from "@/components/charts/sla-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useTicketRefresh } from "./use-ticket-refresh";

type Comment = {
  id: string;
  author: string;
  fromRequester: boolean;
  body: string;
  sentiment: number;
  createdAt: Date;
};

/** The ticket's conversation, each comment with its sentiment score (requester's count). */
export function TicketComments({ id, comments }: { id: string; comments: readonly Comment[] }) {
  const trpc = useTRPC();
  const refresh = useTicketRefresh();
  const comment = useMutation(trpc.ticket.comment.mutationOptions({ onSuccess: refresh }));
  const [body, setBody] = useState("");
  const [fromRequester, setFromRequester] = useState(false);
  const errs = fieldErrors(comment.error);
  return (
    <section aria-label="Comments">
      <h3 className="mb-1 font-semibold">Comments</h3>
      {comments.length ? (
        <ul className="space-y-2">
          {comments.map((c) => {
            const s = sentimentLabel(c.sentiment);
            return (
              <li key={c.id} className="rounded-md bg-slate-50 px-2.5 py-1.5">
                <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                  <span className="font-medium text-slate-800">{c.author}</span>
                  {c.fromRequester ? <Badge>requester</Badge> : null}
                  <RelativeTime date={c.createdAt} />
                  <span className="ml-auto" title="Sentiment (AFINN comparative, about −5 to 5)">
                    <Badge tone={s.tone}>
                      {c.sentiment > 0 ? "+" : ""}
                      {c.sentiment.toFixed(2)} {s.label}
                    </Badge>
                  </span>
                </div>
                <p className="mt-0.5 whitespace-pre-wrap">{c.body}</p>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-slate-500">No comments yet.</p>
      )}
      <form
        className="mt-2 space-y-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          comment.mutate(
            { id, body, fromRequester },
            {
              onSuccess: () => {
                setBody("");
                setFromRequester(false);
              },
            },
          );
        }}
      >
        <textarea
          aria-label="Comment"
          aria-invalid={Boolean(errs.body) || undefined}
          className="block w-full rounded-md border border-slate-300 px-2 py-1"
          rows={2}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Add a comment"
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={fromRequester}
              onChange={(e) => setFromRequester(e.target.checked)}
            />
            From requester (counts for sentiment)
          </label>
          <Button type="submit" variant="secondary" disabled={!body.trim() || comment.isPending}>
            Post
          </Button>
        </div>
        {comment.error ? (
          <p role="alert" className="text-xs text-red-700">
            {errs.body ?? errorMessage(comment.error)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
