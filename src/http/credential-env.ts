/** The environment variable each credential is read from (also the name its placeholder uses). */
export const CREDENTIAL_ENV_VARS = {
  token: "CLOUDFLARE_API_TOKEN",
  email: "CLOUDFLARE_EMAIL",
  apiKey: "CLOUDFLARE_API_KEY",
} as const;
