import type { ImportSource } from '../imported-entry.ts';
import { caSemaXmlSource } from './ca-sema-xml.ts';
import { euFsfXmlSource } from './eu-fsf-xml.ts';
import { ofacCsvSource } from './ofac-csv.ts';
import { ofacXmlSource } from './ofac-xml.ts';
import { ukOfsiCsvSource } from './uk-ofsi-csv.ts';
import { unXmlSource } from './un-xml.ts';

/** The published formats `interlock import` reads, by the name given on the command line. */
export const IMPORT_FORMATS: Readonly<Record<string, { describe: string; open: (path: string) => ImportSource }>> = {
  'ofac-csv': { describe: 'OFAC legacy CSV set: a folder with sdn.csv (+ alt, add, sdn_comments) or cons_*.csv', open: ofacCsvSource },
  'ofac-xml': { describe: 'OFAC XML (sdn.xml schema, e.g. the non-SDN consolidated.xml)', open: ofacXmlSource },
  'un-xml': { describe: 'UN Security Council consolidated list XML', open: unXmlSource },
  'uk-ofsi-csv': { describe: 'UK OFSI consolidated list (ConList CSV)', open: ukOfsiCsvSource },
  'ca-sema-xml': { describe: 'Canada SEMA consolidated autonomous sanctions list XML', open: caSemaXmlSource },
  'eu-fsf-xml': { describe: 'EU financial sanctions files XML (FSF 1.1)', open: euFsfXmlSource },
};
