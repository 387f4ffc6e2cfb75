// "Add to cart" for a course or a badge bundle, wherever one is offered (catalog, storefront, badge
// progress). Visitors log in first and come back; what is added is said, with the way to the cart.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiProblem } from '../../api.ts';
import { commerceKeys, describeCommerceProblem, shopApi } from '../../commerce.ts';
import { Status } from '../../components/Page.tsx';
import { useSession } from '../../session.ts';

export type CartEntry = { kind: 'course'; courseId: string } | { kind: 'bundle'; badgeId: string };

export function AddToCart({
  orgId,
  entry,
  label,
  accessibleLabel,
  goToCart = false,
  secondary = false,
}: {
  orgId: string;
  entry: CartEntry;
  label: string;
  /** A longer name when several such buttons share a page ("Add “Payroll basics” to the cart"). */
  accessibleLabel?: string;
  /** Opens the cart once added (the badge progress page's "Buy the bundle"). */
  goToCart?: boolean;
  secondary?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: () => shopApi.addToCart(orgId, entry),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: commerceKeys.carts });
      if (goToCart) navigate('/cart');
    },
  });
  const alreadyInCart = add.error instanceof ApiProblem && add.error.is('in-cart');
  return (
    <div className="add-to-cart">
      <button
        type="button"
        className={secondary ? 'button button--secondary' : 'button'}
        aria-label={accessibleLabel}
        disabled={add.isPending || add.isSuccess}
        onClick={() => {
          if (!session.data)
            navigate(`/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
          else add.mutate();
        }}
      >
        {add.isPending ? t('form.submitting') : label}
      </button>
      <div aria-live="polite">
        {add.isSuccess && !goToCart && (
          <p className="status status--success">
            {t('cart.added')} <Link to="/cart">{t('cart.goToCart')}</Link>
          </p>
        )}
        {add.isError && (
          <Status tone="error">
            {describeCommerceProblem(t, add.error)}
            {alreadyInCart && (
              <>
                {' '}
                <Link to="/cart">{t('cart.goToCart')}</Link>
              </>
            )}
          </Status>
        )}
      </div>
    </div>
  );
}
