import type { AliasInput, IdentifierInput } from '../designations/designation.types.ts';
import type { Theme } from './listing-themes.ts';
import type { Random } from './random.ts';
import { aka, asciiFold, fka } from './subject-draft.ts';
import { arabicFamily, chineseBrand, koreanGiven, latinBrand, longTailPick, persianSurname, russianBrandStem } from './long-tail-names.ts';

export interface CompanyName {
  primary: string;
  /** Where the company is registered and has its seat. */
  country: string;
  /** The seat's city, when the name gives it away. */
  city?: string;
  aliases: AliasInput[];
  identifiers: IdentifierInput[];
}

export interface CompanyStyle {
  readonly themes: readonly (readonly [Theme, number])[];
  readonly build: (r: Random) => CompanyName;
}

const upper = (text: string) => text.toUpperCase();
const registration = (value: string, country: string, note: string | null = null): IdentifierInput => ({
  type: 'COMPANY_REGISTRATION',
  value,
  issuingCountry: country,
  note,
});
const taxId = (value: string, country: string, note: string | null = null): IdentifierInput => ({
  type: 'TAX_ID',
  value,
  issuingCountry: country,
  note,
});

const RU_STEMS = [['Tekh', 'Тех'], ['Radio', 'Радио'], ['Elektro', 'Электро'], ['Spets', 'Спец'], ['Prom', 'Пром'], ['Avia', 'Авиа'], ['Energo', 'Энерго'], ['Mikro', 'Микро'], ['Opto', 'Опто'], ['Sever', 'Север'], ['Volga', 'Волга'], ['Ural', 'Урал'], ['Sib', 'Сиб'], ['Kvant', 'Квант'], ['Vektor', 'Вектор'], ['Impuls', 'Импульс']] as const;
const RU_ENDINGS = [['komplekt', 'комплект'], ['snab', 'снаб'], ['servis', 'сервис'], ['tron', 'трон'], ['pribor', 'прибор'], ['impeks', 'импекс'], ['treid', 'трейд'], ['resurs', 'ресурс'], ['logistik', 'логистик'], ['mash', 'маш'], ['invest', 'инвест']] as const;
/** [full form, abbreviation, Cyrillic abbreviation], by how common each is. */
const RU_FORMS: readonly (readonly [readonly [string, string, string], number])[] = [
  [['LIMITED LIABILITY COMPANY', 'OOO', 'ООО'], 6],
  [['JOINT STOCK COMPANY', 'AO', 'АО'], 3],
  [['PUBLIC JOINT STOCK COMPANY', 'PAO', 'ПАО'], 1],
];

/** `LIMITED LIABILITY COMPANY ELEKTROKOMPLEKT`, a.k.a. `OOO ELEKTROKOMPLEKT`, `ООО «Электрокомплект»`. */
function russianCompany(r: Random): CompanyName {
  const brand = () => {
    const [stem, stemCyr] = longTailPick(r, RU_STEMS, russianBrandStem);
    const [ending, endingCyr] = r.pick(RU_ENDINGS);
    return [upper(stem + ending), stemCyr + endingCyr] as const;
  };
  const [name, nameCyr] = brand();
  const [form, short, shortCyr] = r.weighted(RU_FORMS);
  const aliases = [aka(`${short} ${name}`)];
  if (r.chance(0.8)) aliases.push(aka(`${shortCyr} «${nameCyr}»`));
  // Closed joint stock companies (ZAO) were abolished in 2014; many re-registered under a new form.
  if (r.chance(0.15)) aliases.push(fka(`CLOSED JOINT STOCK COMPANY ${name}`));
  else if (r.chance(0.1)) aliases.push(fka(`${form} ${brand()[0]}`));
  return {
    primary: `${form} ${name}`,
    country: 'RU',
    aliases,
    identifiers: [registration(r.pattern('1############'), 'RU', 'OGRN'), taxId(r.pattern('77########'), 'RU', 'INN')],
  };
}

const CN_CITIES = [['Shenzhen', '深圳市'], ['Shanghai', '上海'], ['Beijing', '北京'], ['Guangzhou', '广州'], ['Dalian', '大连'], ['Ningbo', '宁波'], ['Chengdu', '成都']] as const;
const CN_BRANDS = [['Huaxin', '华信'], ['Hengtong', '恒通'], ['Zhongke', '中科'], ['Jinlong', '金龙'], ['Tianhe', '天和'], ['Xinda', '信达'], ['Hongyuan', '宏远'], ['Ruida', '瑞达'], ['Kaiyuan', '开元'], ['Longteng', '龙腾'], ['Haixing', '海星'], ['Boyuan', '博源']] as const;
const CN_TRADES = [['Electronics', '电子'], ['Technology', '科技'], ['Trading', '贸易'], ['Machinery', '机械'], ['Optoelectronics', '光电'], ['Precision Instruments', '精密仪器'], ['New Materials', '新材料'], ['Semiconductor', '半导体'], ['Logistics', '物流'], ['International Trade', '国际贸易']] as const;

/** `SHENZHEN HUAXIN ELECTRONICS CO., LTD.` with `深圳市华信电子有限公司`. */
function chineseCompany(r: Random): CompanyName {
  const [city, cityHan] = r.pick(CN_CITIES);
  const [brand, brandHan] = longTailPick(r, CN_BRANDS, chineseBrand);
  const [trade, tradeHan] = r.pick(CN_TRADES);
  const aliases = r.chance(0.85) ? [aka(`${cityHan}${brandHan}${tradeHan}有限公司`)] : [];
  if (r.chance(0.2)) aliases.push(aka(`${brand} ${trade} Co., Ltd.`));
  return {
    primary: upper(`${city} ${brand} ${trade} Co., Ltd.`),
    country: 'CN',
    city,
    aliases,
    identifiers: [registration(r.pattern(`91${r.pick(['4403', '3101', '1101', '4401', '2102'])}00MA5@@@@@#@`), 'CN', 'Unified Social Credit Code')],
  };
}

/** Hong Kong trading companies: `HUAXIN TECHNOLOGY (HK) CO., LIMITED` with `香港华信科技有限公司`. */
function hongKongCompany(r: Random): CompanyName {
  const [brand, brandHan] = longTailPick(r, CN_BRANDS, chineseBrand);
  const [trade, tradeHan] = r.pick(CN_TRADES);
  const aliases = r.chance(0.6) ? [aka(`香港${brandHan}${tradeHan}有限公司`)] : [];
  return {
    primary: upper(`${brand} ${trade} (HK) Co., Limited`),
    country: 'HK',
    aliases,
    identifiers: [registration(r.pattern('#######'), 'HK', 'Company Registration Number')],
  };
}

const GULF_BRANDS = ['Al Noor', 'Gulf Star', 'Falcon Eye', 'Desert Rose', 'Blue Ocean', 'Emirates Horizon', 'Al Safwa', 'Zenith', 'Silver Line', 'Royal Crest', 'Pearl Coast', 'Al Fajr', 'Sea Hawk', 'Oasis Link', 'Sky Bridge'];
const GULF_FORMS = ['General Trading LLC', 'FZE', 'FZCO', 'Shipping LLC', 'Electronics Trading FZE', 'Petroleum Trading FZE', 'Logistics DMCC'];

/** Free-zone companies, common in procurement and oil-trading networks. */
function emiratiCompany(r: Random): CompanyName {
  const name = `${longTailPick(r, GULF_BRANDS, latinBrand)} ${r.pick(GULF_FORMS)}`;
  const aliases = r.chance(0.15) ? [fka(upper(`${r.pick(GULF_BRANDS)} ${r.pick(GULF_FORMS)}`))] : [];
  return { primary: upper(name), country: 'AE', aliases, identifiers: [registration(r.pattern('######'), 'AE', 'Trade License')] };
}

const IR_BRANDS = [['Pars', 'پارس'], ['Sepehr', 'سپهر'], ['Arman', 'آرمان'], ['Kavosh', 'کاوش'], ['Tavan', 'توان'], ['Farayand', 'فرایند'], ['Pishgam', 'پیشگام'], ['Sina', 'سینا'], ['Kimia', 'کیمیا'], ['Zagros', 'زاگرس'], ['Alborz', 'البرز'], ['Shahab', 'شهاب']] as const;
const IR_TRADES = [['Engineering', 'مهندسی'], ['Trading', 'بازرگانی'], ['Industrial', 'صنعتی'], ['Electronics', 'الکترونیک'], ['Aerospace', 'هوافضا'], ['Petrochemical', 'پتروشیمی'], ['Shipping', 'کشتیرانی']] as const;

/** `PARS KAVOSH ENGINEERING COMPANY` with `شرکت مهندسی پارس کاوش`. */
function iranianCompany(r: Random): CompanyName {
  const brands = Array.from({ length: r.int(1, 2) }, () => longTailPick(r, IR_BRANDS, persianSurname));
  const [trade, tradeFa] = r.pick(IR_TRADES);
  const brand = brands.map((b) => b[0]).join(' ');
  const brandFa = brands.map((b) => b[1]).join(' ');
  const aliases = r.chance(0.85) ? [aka(`شرکت ${tradeFa} ${brandFa}`)] : [];
  if (r.chance(0.3)) aliases.push(aka(`${brand} ${trade} Co.`));
  return {
    primary: upper(`${brand} ${trade} Company`),
    country: 'IR',
    aliases,
    identifiers: [registration(r.pattern('######'), 'IR', 'Registration Number'), taxId(r.pattern('10#########'), 'IR', 'National ID of legal entity')],
  };
}

const TR_BRANDS = ['Ekin', 'Anka', 'Marmara', 'Ege', 'Kuzey', 'Toros', 'Akdeniz', 'Başak', 'Doğu', 'Yıldız'];
const TR_FORMS = ['Dış Ticaret Ltd. Şti.', 'Makina Sanayi ve Ticaret A.Ş.', 'Elektronik San. ve Tic. Ltd. Şti.', 'Lojistik A.Ş.'];

/** `EKİN DIŞ TİCARET LTD. ŞTİ.` and its ASCII spelling. */
function turkishCompany(r: Random): CompanyName {
  const name = `${longTailPick(r, TR_BRANDS, latinBrand)} ${r.pick(TR_FORMS)}`;
  return {
    primary: name.toLocaleUpperCase('tr'),
    country: 'TR',
    aliases: r.chance(0.6) ? [aka(asciiFold(name))] : [],
    identifiers: [taxId(r.pattern('##########'), 'TR', 'Vergi Kimlik No.')],
  };
}

const DE_BRANDS = ['Nordwind', 'Rheintal', 'Elbtech', 'Primus', 'Vektor', 'Helios', 'Meridian', 'Hanse', 'Alster', 'Weser'];
const DE_TRADES = ['Handels', 'Technik', 'Elektronik', 'Maschinenbau', 'Logistik', 'Industriebedarf'];
const DE_COURTS = ['Hamburg', 'Berlin (Charlottenburg)', 'Frankfurt am Main', 'Düsseldorf', 'München'];

function germanCompany(r: Random): CompanyName {
  const name = `${longTailPick(r, DE_BRANDS, latinBrand)} ${r.pick(DE_TRADES)} ${r.pick(['GmbH', 'GmbH', 'GmbH & Co. KG', 'AG'])}`;
  const court = r.pick(DE_COURTS);
  return { primary: upper(name), country: 'DE', aliases: [], identifiers: [registration(r.pattern('HRB ######'), 'DE', `Amtsgericht ${court}`)] };
}

const CY_BRANDS = ['Olympia', 'Aegean', 'Kyrenia', 'Thalassa', 'Hermes', 'Athena', 'Poseidon', 'Pegasus', 'Orion', 'Troodos'];

/** Holding companies in Cyprus, often the owners of record of assets abroad. */
function cypriotCompany(r: Random): CompanyName {
  const name = `${longTailPick(r, CY_BRANDS, latinBrand)} ${r.pick(['Holdings Ltd', 'Investments Limited', 'Trading Ltd', 'Shipping Co. Ltd', 'Management Ltd'])}`;
  return { primary: upper(name), country: 'CY', aliases: [], identifiers: [registration(r.pattern('HE ######'), 'CY')] };
}

const LATAM_BRANDS = ['Los Andes', 'Del Pacífico', 'Caribe', 'Montecristo', 'Santa Fe', 'El Dorado', 'Sierra Madre', 'Orinoco', 'Del Sur', 'La Esperanza', 'San Rafael', 'Tres Ríos'];
const MX_PREFIXES = ['Comercializadora', 'Importadora', 'Transportes', 'Inmobiliaria', 'Distribuidora'];

function latinAmericanCompany(r: Random): CompanyName {
  const brand = longTailPick(r, LATAM_BRANDS, latinBrand);
  const country = r.weighted([['MX', 4], ['VE', 3], ['CO', 3], ['PA', 1]]);
  const [name, id] = ((): [string, IdentifierInput] => {
    switch (country) {
      case 'MX':
        return [`${r.pick(MX_PREFIXES)} ${brand} S.A. de C.V.`, taxId(r.pattern('@@@######@@#'), 'MX', 'RFC')];
      case 'VE':
        return [`Inversiones ${brand} C.A.`, taxId(r.pattern('J-########-#'), 'VE', 'RIF')];
      case 'CO':
        return [`${r.pick(MX_PREFIXES)} ${brand} S.A.S.`, taxId(r.pattern('9########-#'), 'CO', 'NIT')];
      default:
        return [`${brand} Holdings S.A.`, registration(r.pattern('######-#-######'), 'PA', 'RUC')];
    }
  })();
  const folded = asciiFold(upper(name));
  return { primary: upper(name), country, aliases: folded !== upper(name) && r.chance(0.5) ? [aka(folded)] : [], identifiers: [id] };
}

const KP_NAMES = [['Kumsong', '금성'], ['Haegumgang', '해금강'], ['Myohyang', '묘향'], ['Sungri', '승리'], ['Taedong', '대동'], ['Chollima', '천리마'], ['Paektu', '백두'], ['Jangsu', '장수'], ['Unha', '은하'], ['Rungra', '릉라']] as const;
const KP_TRADES = [['Trading', '무역'], ['General Trading', '총무역'], ['Mining Development Trading', '광업개발무역'], ['Shipping', '해운'], ['Technology', '기술']] as const;

/** `KOREA SUNGRI TRADING CORPORATION` with `조선승리무역회사`. */
function northKoreanCompany(r: Random): CompanyName {
  const [name, nameHangul] = longTailPick<readonly [string, string]>(r, KP_NAMES, (rank) => {
    const [latin, hangul] = koreanGiven(rank);
    return [latin.replace(' ', '').replace(/^./, (c) => c.toUpperCase()), hangul];
  });
  const [trade, tradeHangul] = r.pick(KP_TRADES);
  return {
    primary: upper(`Korea ${name} ${trade} Corporation`),
    country: 'KP',
    aliases: r.chance(0.8) ? [aka(`조선${nameHangul}${tradeHangul}회사`)] : [],
    identifiers: [],
  };
}

const LEVANT_TRADES = [['Trading', 'للتجارة'], ['Contracting', 'للمقاولات'], ['Exchange', 'للصرافة'], ['Petroleum Services', 'للخدمات النفطية'], ['General Trading', 'للتجارة العامة']] as const;
const LEVANT_FAMILIES = [['al-Shammari', 'الشمري'], ['Haddad', 'حداد'], ['Mansour', 'منصور'], ['al-Hashimi', 'الهاشمي'], ['Darwish', 'درويش'], ['Hamdan', 'حمدان'], ['al-Khatib', 'الخطيب']] as const;

/** Family firms and exchange houses: `HADDAD EXCHANGE COMPANY` with `شركة حداد للصرافة`. */
function levantineCompany(r: Random): CompanyName {
  const [family, familyAr] = longTailPick(r, LEVANT_FAMILIES, arabicFamily);
  const [trade, tradeAr] = r.pick(LEVANT_TRADES);
  const country = r.pick(['SY', 'IQ', 'LB']);
  return {
    primary: upper(`${family} ${trade} Company`),
    country,
    aliases: r.chance(0.8) ? [aka(`شركة ${familyAr} ${tradeAr}`)] : [],
    identifiers: r.chance(0.5) ? [registration(r.pattern('#####'), country, 'Commercial Registry')] : [],
  };
}

/** Company styles by how often they appear on the lists. */
export const COMPANY_STYLES: readonly (readonly [CompanyStyle, number])[] = [
  [{ themes: [['RUSSIA', 90], ['CYBER', 10]], build: russianCompany }, 30],
  [{ themes: [['PROLIFERATION', 30], ['RUSSIA', 35], ['IRAN', 20], ['DPRK', 5], ['NARCOTICS', 10]], build: chineseCompany }, 18],
  [{ themes: [['RUSSIA', 55], ['IRAN', 30], ['DPRK', 15]], build: hongKongCompany }, 8],
  [{ themes: [['IRAN', 45], ['RUSSIA', 40], ['TERRORISM', 15]], build: emiratiCompany }, 10],
  [{ themes: [['IRAN', 90], ['CYBER', 10]], build: iranianCompany }, 10],
  [{ themes: [['RUSSIA', 50], ['IRAN', 40], ['TERRORISM', 10]], build: turkishCompany }, 5],
  [{ themes: [['RUSSIA', 70], ['PROLIFERATION', 30]], build: germanCompany }, 4],
  [{ themes: [['RUSSIA', 100]], build: cypriotCompany }, 4],
  [{ themes: [['NARCOTICS', 60], ['VENEZUELA', 40]], build: latinAmericanCompany }, 6],
  [{ themes: [['DPRK', 1]], build: northKoreanCompany }, 3],
  [{ themes: [['SYRIA', 45], ['TERRORISM', 45], ['IRAN', 10]], build: levantineCompany }, 2],
];
