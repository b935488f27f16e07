import type { ControlEntryStatus } from '../../db/schema/index.ts';
import type { DemoAgencyId } from './demo-agencies.ts';

export interface CatalogueEntry {
  readonly owner: DemoAgencyId;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  /** NS national security, MT missile technology, NP nuclear non-proliferation, CB chemical and biological, AT anti-terrorism, RS regional stability, CC crime control, CW Chemical Weapons Convention, EI encryption, SL surreptitious listening. */
  readonly reasons: readonly string[];
  readonly status?: ControlEntryStatus;
  /** A national, temporary control: [sunset, review]. */
  readonly provisional?: readonly [sunsetDate: string, reviewDate: string];
  readonly reviewDate?: string;
}

const entry = (
  owner: DemoAgencyId,
  code: string,
  title: string,
  description: string,
  reasons: readonly string[],
  extra: Partial<CatalogueEntry> = {},
): CatalogueEntry => ({ owner, code, title, description, reasons, ...extra });

/**
 * Dual-use classifications after the Wassenaar / EU Annex I numbering (and US-only ECCNs for
 * BIS), each kept by one licensing authority. Titles and descriptions are paraphrased.
 */
export const CONTROL_LIST_CATALOGUE: readonly CatalogueEntry[] = [
  // US Commerce Control List, including controls the US applies alone.
  entry('us-bis', '3A090.a', 'Advanced computing integrated circuits', 'Integrated circuits with a total processing performance of 4800 or more, or of 1600 or more with a performance density of 5.92 or more.', ['RS', 'AT'], { reviewDate: '2026-10-15' }),
  entry('us-bis', '4A090', 'Computers containing advanced computing integrated circuits', 'Computers, electronic assemblies and components containing integrated circuits controlled by 3A090.', ['RS', 'AT']),
  entry('us-bis', '3B090', 'Semiconductor manufacturing equipment for advanced nodes', 'Etch, deposition, epitaxial growth and lithography equipment for the production of advanced-node integrated circuits.', ['NS', 'RS', 'AT']),
  entry('us-bis', '5A980', 'Devices for surreptitious interception of communications', 'Devices primarily useful for the surreptitious interception of wire, oral or electronic communications.', ['SL']),
  entry('us-bis', '0A982', 'Restraint devices', 'Saps, thumbcuffs, leg irons, shackles, handcuffs and straight jackets.', ['CC']),
  entry('us-bis', '9A610', 'Military aircraft and related commodities', 'Military aircraft and parts, components, accessories and attachments specially designed for them that the USML does not control.', ['NS', 'RS', 'MT', 'AT']),
  entry('us-bis', '0A501', 'Firearms and related commodities', 'Non-automatic and semi-automatic firearms of calibre .50 or less, and their parts and components.', ['NS', 'RS', 'CC', 'AT']),
  entry('us-bis', '3A001.a.1', 'Radiation-hardened integrated circuits', 'Integrated circuits rated to withstand a total dose of 5 × 10³ Gy (Si) or higher.', ['NS', 'NP', 'AT']),
  entry('us-bis', '3A001.a.7', 'Field-programmable logic devices', 'Field-programmable logic devices with 700 or more single-ended digital inputs/outputs, or transceivers of 500 Gb/s or more in aggregate.', ['NS', 'AT']),
  entry('us-bis', '3A001.b.2', 'Microwave monolithic integrated circuit power amplifiers', 'MMIC power amplifiers rated for operation above 2.7 GHz with high peak saturated output power.', ['NS', 'AT']),
  entry('us-bis', '5A002.a', 'Information security systems: cryptography', 'Systems, equipment and components designed to use cryptography for data confidentiality with a symmetric key length over 56 bits.', ['NS', 'AT', 'EI']),
  entry('us-bis', '5A001.j', 'IP network communications surveillance systems', 'Carrier-class systems that collect IP network communications, extract and index metadata and content, and map relational networks.', ['NS', 'AT']),
  entry('us-bis', '4A005', 'Intrusion software systems', 'Systems, equipment and components specially designed or modified for the generation, command and control, or delivery of intrusion software.', ['NS', 'AT']),
  entry('us-bis', '4D004', 'Intrusion software development software', 'Software specially designed or modified for the generation, command and control, or delivery of intrusion software.', ['NS', 'AT']),
  entry('us-bis', '1C350', 'Chemical weapons precursors', 'Chemicals that may be used as precursors for toxic chemical agents, such as thiodiglycol and phosphorus oxychloride.', ['CB', 'CW', 'AT']),
  entry('us-bis', '1C351', 'Human and animal pathogens and toxins', 'Viruses, bacteria and toxins that may be used as biological weapons.', ['CB', 'AT']),
  entry('us-bis', '2B352', 'Equipment for handling biological materials', 'Fermenters, centrifugal separators, cross-flow filtration and freeze-drying equipment.', ['CB', 'AT']),
  entry('us-bis', '9A012', 'Unmanned aerial vehicles', 'UAVs designed for controlled flight beyond the natural line of sight of the operator, with an endurance of 30 minutes or more.', ['NS', 'MT', 'AT']),
  // Germany: EU Annex I, and one national control.
  entry('de-bafa', '0A001', 'Nuclear reactors', 'Nuclear reactors and equipment and components specially designed or prepared for them.', ['NP']),
  entry('de-bafa', '0B001', 'Plant for the separation of isotopes of uranium', 'Plant for the separation of isotopes of natural uranium, depleted uranium or special fissile materials, and equipment for it.', ['NP']),
  entry('de-bafa', '0C002', 'Special fissile materials', 'Plutonium, uranium-233 and uranium enriched in the isotopes 235 or 233.', ['NP']),
  entry('de-bafa', '1A004', 'Protective and detection equipment', 'Protective and detection equipment, not specially designed for military use, against chemical, biological and radiological agents.', ['CB']),
  entry('de-bafa', '1C010', 'Fibrous or filamentary materials', 'Carbon and aramid fibrous or filamentary materials with high specific modulus and specific tensile strength.', ['NS', 'NP', 'MT']),
  entry('de-bafa', '1C011', 'Metals and compounds usable as fuels', 'Metals and compounds in particle form for propellants and energetic materials.', ['NS', 'MT']),
  entry('de-bafa', '2B001', 'Machine tools for removing or cutting metals', 'Numerically controlled turning, milling and grinding machines with a unidirectional positioning repeatability of 0.9 μm or less.', ['NS', 'NP']),
  entry('de-bafa', '2B006', 'Dimensional inspection or measuring systems', 'Coordinate measuring machines and linear and angular displacement measuring instruments of high accuracy.', ['NS', 'NP']),
  entry('de-bafa', '2B350', 'Chemical manufacturing facilities and equipment', 'Reaction vessels, agitators, storage tanks, heat exchangers and distillation columns made of corrosion-resistant materials.', ['CB', 'CW']),
  entry('de-bafa', '2A001', 'Anti-friction bearings', 'Ball bearings and solid roller bearings with tolerances in ISO class 4 or better.', ['NS', 'MT']),
  entry('de-bafa', '3B001.f.1', 'Lithography equipment (extreme ultraviolet)', 'Step-and-repeat or step-and-scan equipment for wafer processing using extreme ultraviolet light.', ['NS']),
  entry('de-bafa', '3C002', 'Resist materials', 'Resists for semiconductor lithography optimised for wavelengths below 193 nm.', ['NS']),
  entry('de-bafa', '6A005', 'Lasers', 'Continuous wave and pulsed lasers of high output power or energy.', ['NS', 'NP']),
  entry('de-bafa', '7A003', 'Inertial measurement equipment', 'Inertial measurement equipment and systems with high positional accuracy after normal alignment.', ['NS', 'MT']),
  entry('de-bafa', '9A004', 'Space launch vehicles and spacecraft', 'Space launch vehicles, spacecraft, spacecraft buses and payloads.', ['NS', 'MT']),
  entry('de-bafa', '5A002.a.1', 'Cryptographic equipment (text before the 2013 restructuring)', 'Equipment designed to use cryptography with a symmetric key length over 56 bits; replaced by 5A002.a.', ['NS', 'EI'], { status: 'SUPERSEDED' }),
  entry('de-bafa', '4A906', 'Quantum computers (national control)', 'Quantum computers with 34 or more fully controlled, connected and working physical qubits and a low error rate.', ['NS'], { provisional: ['2027-12-31', '2027-06-30'] }),
  // United Kingdom: UK Strategic Export Control Lists.
  entry('gb-ecju', '3A001.a.5', 'Analogue-to-digital converters', 'Analogue-to-digital converter integrated circuits of high resolution and sample rate.', ['NS']),
  entry('gb-ecju', '3A002.a', 'Recording equipment and oscilloscopes', 'Digital instrumentation data recorders and real-time oscilloscopes with very high sample rates.', ['NS']),
  entry('gb-ecju', '5A004', 'Systems for defeating information security', 'Equipment designed to perform cryptanalytic functions or to extract raw data from computing or communication devices.', ['NS', 'EI']),
  entry('gb-ecju', '5D002', 'Information security software', 'Software specially designed for the development, production or use of cryptographic equipment.', ['NS', 'EI']),
  entry('gb-ecju', '6A003', 'Cameras', 'High-speed, streak and framing cameras, and thermal imaging cameras incorporating focal plane arrays.', ['NS', 'RS']),
  entry('gb-ecju', '6A002', 'Optical sensors', 'Space-qualified solid-state detectors, image intensifier tubes and focal plane arrays.', ['NS', 'RS', 'CC']),
  entry('gb-ecju', '6A008', 'Radar systems', 'Radar systems operating from 40 GHz to 230 GHz or with electronically steerable phased-array antennae.', ['NS', 'RS']),
  entry('gb-ecju', '7A005', 'GNSS receiving equipment', 'Satellite navigation receivers employing decryption or adaptive antennae.', ['NS', 'MT']),
  entry('gb-ecju', '8A001', 'Submersible vehicles', 'Manned, tethered or untethered submersible vehicles designed to operate at depths exceeding 1,000 m.', ['NS']),
  entry('gb-ecju', '9A001', 'Aero gas turbine engines', 'Aero gas turbine engines incorporating controlled hot-section technologies.', ['NS', 'MT']),
  entry('gb-ecju', '1C001', 'Materials for absorbing electromagnetic waves', 'Radar-absorbing materials and intrinsically conductive polymeric materials.', ['NS']),
  entry('gb-ecju', '1E001', 'Technology for category 1 materials', 'Technology for the development or production of equipment and materials controlled in category 1.', ['NS', 'MT', 'NP', 'CB']),
  entry('gb-ecju', '3A904', 'Cryogenic CMOS integrated circuits (national control)', 'CMOS integrated circuits designed to operate at ambient temperatures of 4.5 K or less.', ['NS'], { provisional: ['2027-04-30', '2026-10-31'] }),
  // Japan: Export Trade Control Order, Appended Table 1 (Wassenaar numbering shown).
  entry('jp-meti', '3A001.b.4', 'Microwave solid-state amplifiers', 'Microwave solid-state amplifiers and assemblies rated above 2.7 GHz with high output power.', ['NS']),
  entry('jp-meti', '3B001.a', 'Epitaxial growth equipment', 'Equipment for epitaxial growth producing layers of uniform thickness across large wafers.', ['NS']),
  entry('jp-meti', '3B001.c', 'Anisotropic plasma dry etching equipment', 'Etching equipment designed for anisotropic plasma dry etching with high selectivity.', ['NS']),
  entry('jp-meti', '3E001', 'Technology for category 3 items', 'Technology for the development or production of electronic equipment, components and materials controlled in category 3.', ['NS', 'MT', 'NP']),
  entry('jp-meti', '4A003', 'Digital computers', 'Digital computers and electronic assemblies with an adjusted peak performance exceeding 70 weighted teraflops.', ['NS']),
  entry('jp-meti', '6A001', 'Acoustic systems', 'Marine acoustic systems: active sonar, hydrophones and towed acoustic hydrophone arrays.', ['NS']),
  entry('jp-meti', '6A004', 'Optical equipment and components', 'Optical mirrors, deformable mirrors and optical control equipment.', ['NS']),
  entry('jp-meti', '6A006', 'Magnetometers and magnetic gradiometers', 'Magnetometers with a noise level lower than 0.05 nT rms per square root Hz.', ['NS']),
  entry('jp-meti', '7A001', 'Accelerometers', 'Linear accelerometers designed for inertial navigation or guidance systems.', ['NS', 'MT']),
  entry('jp-meti', '7A002', 'Gyros and angular rate sensors', 'Gyros and angular rate sensors of high bias stability.', ['NS', 'MT']),
  entry('jp-meti', '8A002', 'Marine systems, equipment and components', 'Pressure housings, buoyancy materials, underwater vision systems and air-independent power systems.', ['NS']),
  entry('jp-meti', '9A010', 'Components for space launch vehicles', 'Specially designed components, systems and structures for launch vehicles, their propulsion systems and spacecraft.', ['NS', 'MT']),
  entry('jp-meti', '2B201', 'Machine tools usable in nuclear applications', 'Machine tools for removing or cutting metals usable in uranium enrichment and weapons development.', ['NP']),
  entry('jp-meti', '3C907', 'Epitaxial materials for advanced semiconductors (national control)', 'Epitaxial wafers and materials for gate-all-around transistor production.', ['NS'], { provisional: ['2027-09-30', '2027-03-31'] }),
];
