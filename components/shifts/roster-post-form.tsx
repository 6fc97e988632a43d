"use client";

import { useMutation } from "@tanstack/react-query";
import { TextArea, TextField } from "@/components/forms/fields";
import { Form, useZodForm } from "@/components/forms/form";
import { postCreateInput } from "@/lib/schemas/shifts";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import { RosterFormCard, RosterFormFooter } from "./roster-form-parts";
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
    <RosterFormCard title={post ? `Edit post ${post.name}` : "New post"} onClose={onDone}>
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
        <RosterFormFooter
          submit={post ? "Save post" : "Create post"}
          toggle={
            post && {
              active: post.active,
              onToggle: (active) => activate.mutate({ id: post.id, active }),
            }
          }
          error={activate.error}
        />
      </Form>
    </RosterFormCard>
  );
}
