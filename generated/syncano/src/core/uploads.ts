import { multipartBody } from './multipart.js';
import { isUploadable, toFile } from './to-file.js';

/**
 * What the client needs to send files. Generated operations that take files
 * pass it with their request, so a bundle without uploads leaves it out.
 */
export const uploads = { multipartBody, toFile, isUploadable };

export type Uploads = typeof uploads;
