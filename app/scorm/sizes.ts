const MB = 1024 * 1024;

/** Sizes as an operator sets them and an admin reads them: megabytes to one decimal, kilobytes below one megabyte. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}

/** The catalogue key and params that say a size ("512 Ko", "3,4 Mo"); a small package would otherwise read "0 MB". */
export function sizeMessage(bytes: number): [key: string, params: { kilobytes: number } | { megabytes: number }] {
  return bytes < MB ? ["scorm.preview.kilobytes", { kilobytes: Math.max(1, Math.ceil(bytes / 1024)) }] : ["scorm.preview.megabytes", { megabytes: megabytes(bytes) }];
}
