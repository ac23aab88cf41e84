/**
 * Only same-site paths may be redirected to: "/x" yes, "//evil.example" or
 * "https://evil.example" no (open-redirect protection).
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
