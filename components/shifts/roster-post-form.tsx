"use client";

import { useMutation } from "@tanstack/react-query";
import { TextArea, TextField } from "@/components/forms/fields";
import { Form, FormError, SubmitButton, useZodForm } from "@/components/forms/form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { postCreateInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { RouterOutputs } from "@/lib/trpc/types";
import { useRosterRefresh } from "./roster-refresh";

type Post = RouterOutputs["roster"]["posts"][number];

/** New post, or a post's name, description and whether it is still guarded. */
export function RosterPostForm({
  siteId,
  post,
  onDone,
}: {
  siteId: string;
  post?: Post | undefined;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const onSuccess = useRosterRefresh();
  const create = useMutation(trpc.roster.createPost.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.roster.updatePost.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.roster.updatePost.mutationOptions({ onSuccess }));
  const form = useZodForm(postCreateInput, {
    defaultValues: { siteId, name: post?.name ?? "", description: post?.description ?? "" },
  });
  const { control } = form;
  return (
    <Card
      title={post ? `Edit post ${post.name}` : "New post"}
      actions={
        <Button variant="ghost" onClick={onDone}>
          Close
        </Button>
      }
    >
      <Form
        form={form}
        className="space-y-3 p-4"
        onSubmit={async ({ name, description }) => {
          activate.reset();
          if (post) await update.mutateAsync({ id: post.id, name, description });
          else await create.mutateAsync({ siteId, name, description });
          onDone();
        }}
      >
        <TextField control={control} name="name" label="Name" autoFocus />
        <TextArea
          control={control}
          name="description"
          label="Description"
          rows={2}
          hint="What the guard at this post does (optional)."
        />
        <div className="flex flex-wrap items-center gap-2">
          <SubmitButton pending="Saving…">{post ? "Save post" : "Create post"}</SubmitButton>
          {post ? (
            <Button
              variant={post.active ? "danger" : "secondary"}
              onClick={() => activate.mutate({ id: post.id, active: !post.active })}
            >
              {post.active ? "Deactivate" : "Reactivate"}
            </Button>
          ) : null}
        </div>
        <FormError />
        {activate.error ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(activate.error)}
          </p>
        ) : null}
      </Form>
    </Card>
  );
}
