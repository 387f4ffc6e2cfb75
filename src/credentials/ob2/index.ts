// Open Badges 2.0: hosted documents we publish and structural checks of ones we read.
// https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
export {
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildRevokedOb2Assertion,
  hashOb2Identity,
  type Ob2Alignment,
  type Ob2Assertion,
  type Ob2BadgeClass,
  Ob2Error,
  type Ob2Evidence,
  type Ob2Profile,
  type Ob2Related,
  type Ob2RevokedAssertion,
  ob2IdentityMatches,
} from './build.ts';
export { checkOb2Assertion, type Ob2Check, type Ob2CheckName, type Ob2CheckResult } from './check.ts';
export { checkOb2BadgeClass, checkOb2Profile } from './check-classes.ts';
export { checkOb2Extensions, type ExtensionFinding } from './extensions.ts';
