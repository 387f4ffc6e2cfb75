// A change through the API after which some lists are read again: `onDone` runs first (even when the row that
// asked is gone by then, as after deleting it), then every query under `queryKey` is invalidated.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

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
