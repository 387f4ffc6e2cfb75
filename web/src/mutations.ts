// A change through the API after which some lists are read again: `onDone` runs first (even when the row that
// asked is gone by then, as after deleting it), then every query under `queryKey` is invalidated. And a switch
// saved the moment it is flipped.
import { type QueryKey, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

export function useChangeThenReread<I, O>(
  queryKey: QueryKey,
  mutationFn: (input: I) => Promise<O>,
  onDone?: (result: O, input: I) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result, input) => {
      onDone?.(result, input);
      return queryClient.invalidateQueries({ queryKey });
    },
  });
}

/**
 * A switch saved the moment it is flipped (`save` with the new value): it shows the reader's choice in the render
 * of their click, until the save has settled, and then what the server has (`saved`). A mutation's own state, and
 * what its onMutate writes to the query cache, reach the page only a task later: a switch drawn from them alone
 * snaps back for that moment, and a second look (or a test) sees the click undone.
 */
export function useSavedSwitch<O>(saved: boolean, save: UseMutationResult<O, Error, boolean, unknown>) {
  const [asked, setAsked] = useState<boolean | null>(null);
  return {
    checked: asked ?? saved,
    onChange: (on: boolean) => {
      setAsked(on);
      save.mutate(on, { onSettled: () => setAsked(null) });
    },
  };
}
