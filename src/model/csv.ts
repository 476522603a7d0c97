/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet. Free text that starts with =, +, -, @, a tab
 * or a carriage return would be read as a formula (CSV injection), so it gets a leading single quote,
 * as OWASP's guidance advises. A plain number ("-3.5", "1e-7") is left as it is: it is data, not a formula.
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
