"use client";

import { useMutation } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { sentimentLabel } from "@/components/charts/sla-data";
import { Badge } from "@/components/ui/badge";
import { Checkbox, TextArea } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { RelativeTime } from "@/components/ui/relative-time";
import { useTRPC } from "@/lib/trpc/client";
import { ticketCommentInput } from "@/lib/schemas/sla";
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
  const form = useZodForm(ticketCommentInput, {
    defaultValues: { id, body: "", fromRequester: false },
  });
  const { control } = form;
  const body = useWatch({ control, name: "body" });
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
      <Form
        form={form}
        className="mt-2 space-y-1.5"
        onSubmit={async (values) => {
          await comment.mutateAsync(values);
          form.reset({ id, body: "", fromRequester: false });
        }}
      >
        <TextArea
          control={control}
          name="body"
          label="Comment"
          hideLabel
          rows={2}
          placeholder="Add a comment"
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Checkbox
            control={control}
            name="fromRequester"
            label="From requester (counts for sentiment)"
            className="flex items-center gap-1.5 text-xs text-slate-600"
          />
          <SubmitButton variant="secondary" disabled={!body?.trim()}>
            Post
          </SubmitButton>
        </div>
        <FormError />
      </Form>
    </section>
  );
}
