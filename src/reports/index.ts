// Public face of the reports context: the dashboards' figures (issuer and platform operator).
export { type IssuerFigures, issuerFigures } from './issuer-figures.ts';
export { type OperatorFigures, operatorFigures, redactMessage } from './operator-figures.ts';
export { figuresRoutes } from './routes.ts';
