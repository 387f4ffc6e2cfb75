// "Pay the issuance fee" on a badge that waits for it: creates (or finds) the fee order and opens it,
// where the learner pays; once paid the badge is issued and offered for acceptance.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { commerceKeys, describeCommerceProblem, shopApi } from '../../commerce.ts';
import { Status } from '../../components/Page.tsx';

export function PayFeeButton({ awardId, badgeName }: { awardId: string; badgeName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const feeOrder = useMutation({
    mutationFn: () => shopApi.feeOrder(awardId),
    onSuccess: async (order) => {
      queryClient.setQueryData(commerceKeys.order(order.id), order);
      await queryClient.invalidateQueries({ queryKey: commerceKeys.orders, exact: true });
      await queryClient.invalidateQueries({ queryKey: commerceKeys.feesDue });
      navigate(`/learn/orders/${order.id}`);
    },
  });
  return (
    <div className="add-to-cart">
      <button
        type="button"
        className="button"
        disabled={feeOrder.isPending}
        aria-label={t('fee.payNamed', { badge: badgeName })}
        onClick={() => feeOrder.mutate()}
      >
        {feeOrder.isPending ? t('form.submitting') : t('fee.pay')}
      </button>
      {feeOrder.isError && <Status tone="error">{describeCommerceProblem(t, feeOrder.error)}</Status>}
    </div>
  );
}
