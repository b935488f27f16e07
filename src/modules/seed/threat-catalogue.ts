import type { Marking, ThreatEntryKind } from '../../db/schema/index.ts';
import type { DemoAgencyId } from './demo-agencies.ts';

export interface ThreatCatalogueEntry {
  readonly key: string;
  readonly owner: DemoAgencyId;
  readonly kind: ThreatEntryKind;
  readonly marking: Marking;
  readonly title: string;
  readonly description: string;
  readonly indicators: readonly string[];
  /** Classification codes of the control-list entries the threat concerns. */
  readonly controls: readonly string[];
}

type Draft = Omit<ThreatCatalogueEntry, 'kind'>;
const of = (kind: ThreatEntryKind, drafts: readonly Draft[]) => drafts.map((d): ThreatCatalogueEntry => ({ ...d, kind }));

/** Technologies whose diversion the agencies watch for, with the controls that cover them. */
const TECHNOLOGIES = of('TECHNOLOGY_OF_CONCERN', [
  { key: 'tech-ai-accelerators', owner: 'us-bis', marking: 'GREEN', title: 'Advanced AI accelerators', description: 'Data-centre GPUs and accelerators sought for military AI and supercomputing programs of concern.', indicators: ['Orders for high-end GPUs by newly formed cloud resellers', 'Requests to ship servers without rack integration'], controls: ['3A090.a', '4A090'] },
  { key: 'tech-euv', owner: 'de-bafa', marking: 'AMBER', title: 'Extreme ultraviolet lithography', description: 'EUV scanners, light sources and their spare parts, essential for leading-edge chip production.', indicators: ['Requests for spare optics without a service contract'], controls: ['3B001.f.1', '3B090', '3C002'] },
  { key: 'tech-quantum', owner: 'de-bafa', marking: 'AMBER', title: 'Quantum computing hardware', description: 'Quantum processors, dilution refrigerators and cryogenic electronics.', indicators: ['Academic end users with undisclosed defence partners', 'Cryogenic components ordered separately from the system'], controls: ['4A906', '3A904'] },
  { key: 'tech-uav-components', owner: 'gb-ecju', marking: 'GREEN', title: 'UAV engines, servos and flight controllers', description: 'Commercial components found in one-way attack drones: small piston engines, flight controllers, GNSS modules.', indicators: ['Bulk orders of hobby-grade engines', 'GNSS modules with anti-jamming antennae'], controls: ['9A012', '7A005'] },
  { key: 'tech-machine-tools', owner: 'jp-meti', marking: 'GREEN', title: 'Five-axis CNC machine tools', description: 'Precision machine tools used to produce artillery shells, missile parts and centrifuge components.', indicators: ['Requests to disable geolocation lock of the controller', 'Resale of used machines through brokers'], controls: ['2B001', '2B201'] },
  { key: 'tech-thermal-imaging', owner: 'gb-ecju', marking: 'GREEN', title: 'Thermal imaging cores', description: 'Uncooled microbolometer cores and cameras integrated into weapon sights and loitering munitions.', indicators: ['Cores ordered without housings or optics'], controls: ['6A003', '6A002'] },
  { key: 'tech-microelectronics', owner: 'us-bis', marking: 'CLEAR', title: 'Microelectronics found in weapons recovered on the battlefield', description: 'Microcontrollers, FPGAs, ADCs and RF amplifiers recovered from missiles and drones.', indicators: ['Distributors buying far above their usual volumes'], controls: ['3A001.a.7', '3A001.a.5', '3A001.b.2'] },
  { key: 'tech-bearings', owner: 'de-bafa', marking: 'CLEAR', title: 'Precision bearings', description: 'High-precision ball and roller bearings for aero engines, machine tools and guidance systems.', indicators: ['Mixed consignments of bearings declared as spare parts'], controls: ['2A001'] },
  { key: 'tech-carbon-fibre', owner: 'jp-meti', marking: 'GREEN', title: 'High-modulus carbon fibre', description: 'Carbon fibre and prepregs used in missile airframes, rotors and rocket motor cases.', indicators: ['Sporting-goods makers ordering aerospace-grade fibre'], controls: ['1C010'] },
  { key: 'tech-surveillance', owner: 'us-bis', marking: 'GREEN', title: 'Network surveillance and intrusion tools', description: 'Lawful-interception and intrusion platforms sold to security services that abuse human rights.', indicators: ['Demonstrations arranged through intermediaries'], controls: ['5A001.j', '4A005', '4D004', '5A980'] },
]);

/** After the BIS "Know Your Customer" guidance (15 CFR 732, Supplement No. 3) and joint alerts. */
const RED_FLAGS = of('RED_FLAG', [
  { key: 'flag-end-use-reluctance', owner: 'us-bis', marking: 'CLEAR', title: 'Customer reluctant to offer end-use information', description: 'The customer or purchasing agent is reluctant to say where or how the item will be used.', indicators: ['No end-user statement', 'Vague answers about the application'], controls: [] },
  { key: 'flag-forwarder-destination', owner: 'us-bis', marking: 'CLEAR', title: 'Freight forwarder named as the final destination', description: "A freight forwarding firm is listed as the product's final destination.", indicators: ['Consignee address is a logistics warehouse'], controls: [] },
  { key: 'flag-third-country-payment', owner: 'nl-fiu', marking: 'GREEN', title: 'Payment from a third country', description: 'Payment comes from a party in a country not otherwise involved in the transaction.', indicators: ['Payer differs from buyer', 'Funds routed through a hub jurisdiction'], controls: [] },
  { key: 'flag-capabilities-mismatch', owner: 'us-bis', marking: 'CLEAR', title: "Product capabilities do not fit the buyer's business", description: "The item's capabilities do not fit the buyer's line of business, e.g. a bakery ordering a sophisticated computer.", indicators: ['Business profile unrelated to the item'], controls: [] },
  { key: 'flag-cash-expensive', owner: 'nl-fiu', marking: 'GREEN', title: 'Cash offered for an expensive item', description: 'The customer is willing to pay cash for a very expensive item when the terms would normally call for financing.', indicators: ['Prepayment in full', 'Cash deposits structured below reporting thresholds'], controls: [] },
  { key: 'flag-no-background', owner: 'gb-ecju', marking: 'CLEAR', title: 'Customer has little or no business background', description: 'The customer was set up recently, has no web presence or track record, or shares an address with many firms.', indicators: ['Registered within the last year', 'Mass-registration address'], controls: [] },
  { key: 'flag-declines-services', owner: 'gb-ecju', marking: 'CLEAR', title: 'Installation, training or maintenance declined', description: 'Routine installation, training or maintenance services are declined by the customer.', indicators: ['No service contract for complex equipment'], controls: [] },
  { key: 'flag-vague-delivery', owner: 'fr-dgddi', marking: 'GREEN', title: 'Vague delivery dates or out-of-the-way destinations', description: 'Delivery dates are vague, or deliveries are planned for out-of-the-way destinations.', indicators: ['Last-minute changes of consignee', 'Changing ports of discharge'], controls: [] },
  { key: 'flag-abnormal-route', owner: 'fr-dgddi', marking: 'GREEN', title: 'Shipping route abnormal for product and destination', description: 'The route is abnormal for the product and its stated destination.', indicators: ['Transshipment through a hub with no commercial reason'], controls: [] },
  { key: 'flag-packaging', owner: 'fr-dgddi', marking: 'GREEN', title: 'Packaging inconsistent with shipment or destination', description: 'Packaging or labelling is inconsistent with the stated method of shipment, the goods or the destination.', indicators: ['Markings removed', 'Declared weight does not match the goods'], controls: [] },
  { key: 'flag-evasive-buyer', owner: 'us-bis', marking: 'CLEAR', title: 'Buyer evasive about export or re-export', description: 'When questioned, the buyer is evasive or unclear about whether the product is for domestic use, export or re-export.', indicators: ['Refuses to confirm the country of use'], controls: [] },
  { key: 'flag-ais-gaps', owner: 'gb-ofsi', marking: 'GREEN', title: 'Vessel transponder switched off or spoofed', description: 'Gaps in AIS transmissions or spoofed positions near ship-to-ship transfer areas.', indicators: ['AIS dark periods', 'Position inconsistent with satellite imagery'], controls: [] },
  { key: 'flag-price-cap-attestation', owner: 'gb-ofsi', marking: 'AMBER', title: 'Doubtful price-cap attestation', description: 'Attestations that oil was bought below the price cap are missing, late or contradicted by ancillary costs.', indicators: ['Freight and insurance costs unusually high', 'Itemised price information refused'], controls: [] },
  { key: 'flag-personal-email', owner: 'jp-meti', marking: 'CLEAR', title: 'Orders placed from personal e-mail accounts', description: 'A corporate buyer communicates through free web-mail accounts and messaging apps only.', indicators: ['Domain differs from the company name', 'IP geolocation differs from the stated address'], controls: [] },
]);

const TYPOLOGIES = of('TYPOLOGY', [
  { key: 'typ-front-companies', owner: 'us-bis', marking: 'AMBER', title: 'Procurement through front companies in third countries', description: 'Military procurement agents set up trading companies in hub jurisdictions to buy Western components and forward them.', indicators: ['Same director across many newly formed traders', 'Goods re-exported within days'], controls: ['3A001.a.7', '3A001.a.5'] },
  { key: 'typ-uav-network', owner: 'us-ofac', marking: 'AMBER', title: 'UAV component procurement network', description: 'Networks that buy engines and electronics for one-way attack drones through distributors and freight forwarders.', indicators: ['Repeat small orders of identical engines'], controls: ['9A012', '7A005'] },
  { key: 'typ-sts-petroleum', owner: 'gb-ofsi', marking: 'AMBER', title: 'Ship-to-ship transfers of refined petroleum', description: 'Tankers transfer refined petroleum at sea to vessels that deliver it to a sanctioned state, disguising origin and destination.', indicators: ['Night-time transfers in open water', 'Draught changes without a port call'], controls: [] },
  { key: 'typ-it-workers', owner: 'us-ofac', marking: 'AMBER', title: 'Overseas IT workers generating revenue', description: 'IT workers posing as foreign freelancers earn revenue for a sanctioned government and may gain access to networks.', indicators: ['Payments to accounts in third countries', 'Identity documents reused across platforms'], controls: [] },
  { key: 'typ-shadow-fleet', owner: 'gb-ofsi', marking: 'GREEN', title: 'Shadow fleet operations', description: 'Ageing tankers under flags of convenience, owned by single-ship companies, carry oil outside the price-cap regime.', indicators: ['Frequent flag and name changes', 'Insurance from unknown providers'], controls: [] },
  { key: 'typ-tbml', owner: 'nl-fiu', marking: 'AMBER', title: 'Trade-based money laundering by mis-invoicing', description: 'Over- and under-invoicing of goods moves value across borders to pay for sanctioned goods.', indicators: ['Unit prices far from market prices', 'Invoices from a third-country company'], controls: [] },
  { key: 'typ-crypto', owner: 'nl-fiu', marking: 'AMBER', title: 'Virtual assets used to settle sanctioned trade', description: 'Stablecoins and nested exchange accounts settle payments for goods that banks would refuse.', indicators: ['Payments via over-the-counter desks', 'Wallets linked to sanctioned exchanges'], controls: [] },
  { key: 'typ-reexport-spares', owner: 'fr-dgddi', marking: 'GREEN', title: 'Aircraft spare parts re-exported through lessors', description: 'Aircraft parts ordered by lessors or maintenance firms abroad are re-exported to sanctioned airlines.', indicators: ['Parts for aircraft types the buyer does not operate'], controls: ['9A610', '9A001'] },
]);

const ROUTES = of('DIVERSION_ROUTE', [
  { key: 'route-eaeu', owner: 'de-bafa', marking: 'AMBER', title: 'Through Eurasian Economic Union members to Russia', description: 'Goods declared for Armenia, Kazakhstan or Kyrgyzstan move on to Russia without further customs control within the union.', indicators: ['Sharp rise in imports of CHPL items by these countries'], controls: ['3A001.a.7', '2A001'] },
  { key: 'route-jebel-ali', owner: 'fr-dgddi', marking: 'AMBER', title: 'Via Jebel Ali free zone to Iran', description: 'Goods enter the Jebel Ali free zone and are re-shipped by dhow or feeder vessel to Bandar Abbas.', indicators: ['Consignee is a free-zone establishment without a warehouse'], controls: ['7A003', '6A003'] },
  { key: 'route-hong-kong', owner: 'us-bis', marking: 'AMBER', title: 'Via Hong Kong and Shenzhen to Russia', description: 'Hong Kong shell companies buy electronics from distributors and ship them overland or by air to Russia.', indicators: ['Hong Kong buyer with a Russian-speaking contact'], controls: ['3A001.a.5', '3A090.a'] },
  { key: 'route-turkey', owner: 'gb-ecju', marking: 'AMBER', title: 'Via Turkey to Russia', description: 'Trading companies in Istanbul and Mersin re-export machine tools and electronics to Russia.', indicators: ['New exporters of goods Turkey does not produce'], controls: ['2B001', '3A002.a'] },
  { key: 'route-caspian', owner: 'de-bafa', marking: 'AMBER', title: 'Across the Caspian Sea between Iran and Russia', description: 'Cargo crosses between Astrakhan or Makhachkala and Bandar Anzali, beyond most monitoring.', indicators: ['Transits through Caspian ports'], controls: ['9A012'] },
  { key: 'route-dandong', owner: 'jp-meti', marking: 'AMBER', title: 'Dandong–Sinuiju crossing to North Korea', description: 'Goods cross the Yalu River from Dandong to Sinuiju by truck and rail.', indicators: ['Consignees in Dandong with no local business'], controls: ['3A001.b.4'] },
  { key: 'route-southeast-asia', owner: 'jp-meti', marking: 'GREEN', title: 'Transshipment through Malaysia and Singapore', description: 'Containers are transshipped and re-documented in Port Klang or Singapore to hide the final destination.', indicators: ['Bill of lading reissued in a transshipment port'], controls: ['6A001', '8A002'] },
  { key: 'route-central-asia', owner: 'fr-dgddi', marking: 'GREEN', title: 'Through Central Asia by road', description: 'Trucks carry goods declared for Uzbekistan or Kazakhstan to Russian buyers.', indicators: ['Transit declarations not closed at the stated destination'], controls: ['2A001', '6A003'] },
]);

export const THREAT_CATALOGUE: readonly ThreatCatalogueEntry[] = [...TECHNOLOGIES, ...RED_FLAGS, ...TYPOLOGIES, ...ROUTES];
