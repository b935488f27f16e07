import { perRequest, requireViewer, type AppContext } from '../../kernel/context.ts';
import { linkedRecords } from '../../kernel/loaders.ts';

/** The request's loaders of an application's items, parties, transitions, escalations and consultations. */
export const licenseChildren = (ctx: AppContext) =>
  perRequest(ctx, 'licenses.children', () => ctx.services.licenses.createLoaders(requireViewer(ctx)));

/** The request's loader of applications by id, as the caller may see them (null otherwise). */
export const visibleApplications = (ctx: AppContext) =>
  linkedRecords(ctx, 'LicenseApplication', (viewer, ids) => ctx.services.licenses.visibleByIds(viewer, ids));
