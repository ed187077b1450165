/** Small building blocks of the transport schemas. */
import { z } from 'zod';

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = z.iso.date();

/** A response list: handlers return the use cases' readonly arrays. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
