// Reading the credential out of a baked PNG or SVG that anyone may upload: the bake reader, then the
// refusal of SVGs that could run script or fetch anything. Runs in a verification worker (see
// verification-work.ts readBakedFile): a 5 MiB file of hostile markup costs a worker, not the server.
import { BakeError, type Unbaked, unbake } from '../credentials/index.ts';
import { refuseActiveSvg } from './active-svg.ts';
import { NotABadgeError } from './errors.ts';

/** A refusal as it crosses back from a worker (an Error does not survive the trip with its class). */
export interface BakedFileRefusal {
  reason: string;
  message: string;
  tooLarge: boolean;
}

export type BakedFileResult = { unbaked: Unbaked } | { refused: BakedFileRefusal };

export function readBakedFileHere(bytes: Uint8Array): BakedFileResult {
  try {
    const unbaked = unbake(bytes);
    if (unbaked.fileType === 'svg') refuseActiveSvg(bytes);
    return { unbaked };
  } catch (error) {
    if (error instanceof BakeError) {
      return {
        refused: { reason: error.code, message: error.message, tooLarge: error.code === 'BAKE_TOO_LARGE' },
      };
    }
    if (error instanceof NotABadgeError)
      return { refused: { reason: error.reason, message: error.message, tooLarge: error.tooLarge } };
    throw error;
  }
}

/** The payload of a baked file, or NotABadgeError saying why there is none. */
export function unbakedOrRefused(result: BakedFileResult): Unbaked {
  if ('unbaked' in result) return result.unbaked;
  const { reason, message, tooLarge } = result.refused;
  throw new NotABadgeError(reason, message, tooLarge);
}
