import type { TransparencyService } from '../modules/transparency/transparency.service.ts';
import { latestClosedQuarter, parseReportPeriod, shiftPeriod } from '../modules/transparency/report-period.ts';
import { escapeHtml, reportAsCsv, reportAsHtml } from '../modules/transparency/report-formats.ts';
import { toGraphQL } from '../modules/transparency/transparency.resolver.ts';
import { AppError } from '../lib/errors.ts';
import type { RateLimiter } from './rate-limits.ts';

export const TRANSPARENCY_PATHS = { html: '/transparency', json: '/transparency.json', csv: '/transparency.csv' } as const;
export type TransparencyFormat = keyof typeof TRANSPARENCY_PATHS;

export interface PlainAnswer {
  status: number;
  body: string;
  contentType: string;
  retryAfter?: number;
}

/**
 * The public report over plain HTTP, for browsers and spreadsheets: no token, counted against
 * the anonymous budget of the client's address like an anonymous GraphQL operation. The page
 * loads nothing (its CSP forbids it): inline styles and SVG only.
 */
export function transparencyEndpoint(service: TransparencyService, rateLimiter: RateLimiter, now: () => Date = () => new Date()) {
  return async (format: TransparencyFormat, query: URLSearchParams, address: string): Promise<PlainAnswer> => {
    const verdict = await rateLimiter.consume({ address });
    if (!verdict.allowed) return problem(format, 429, 'RATE_LIMITED', `Too many requests; retry after ${verdict.retryAfter} s.`, verdict.retryAfter);
    const requested = query.get('period');
    try {
      const period = requested === null ? latestClosedQuarter(now()) : parseReportPeriod(requested);
      const report = await service.report(period.label);
      if (format === 'json') return { status: 200, body: JSON.stringify(toGraphQL(report)), contentType: 'application/json; charset=utf-8' };
      if (format === 'csv') return { status: 200, body: reportAsCsv(report), contentType: 'text/csv; charset=utf-8' };
      const link = (path: string, label: string) => `${path}?period=${encodeURIComponent(label)}`;
      const next = shiftPeriod(report.period, 1);
      return {
        status: 200,
        body: reportAsHtml(report, {
          json: link(TRANSPARENCY_PATHS.json, report.period.label),
          csv: link(TRANSPARENCY_PATHS.csv, report.period.label),
          previous: link(TRANSPARENCY_PATHS.html, shiftPeriod(report.period, -1).label),
          next: latestClosedQuarter(now()).end.getTime() >= next.end.getTime() ? link(TRANSPARENCY_PATHS.html, next.label) : null,
        }),
        contentType: 'text/html; charset=utf-8',
      };
    } catch (error) {
      if (error instanceof AppError) return problem(format, 400, error.code, error.message);
      throw error;
    }
  };
}

function problem(format: TransparencyFormat, status: number, code: string, message: string, retryAfter?: number): PlainAnswer {
  if (format === 'html') {
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Transparency report</title></head><body><h1>Transparency report</h1><p>${escapeHtml(message)}</p><p><a href="${TRANSPARENCY_PATHS.html}">The latest report</a></p></body></html>`;
    return { status, body, contentType: 'text/html; charset=utf-8', retryAfter };
  }
  return { status, body: JSON.stringify({ error: { code, message } }), contentType: 'application/json; charset=utf-8', retryAfter };
}
