// A Lambda handler as a user writes it: bundled with esbuild, it must pull in no AWS SDK code.
import { normalize } from 's3-event-kit';

export const handler = async (event: unknown): Promise<number> => {
  let bytes = 0;
  for (const e of normalize(event)) if (e.type === 'ObjectCreated') bytes += e.size;
  return bytes;
};
