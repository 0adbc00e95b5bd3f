/**
 * A small invented file in the layout of DUO's "Adressen alle vestigingen", with schools in the
 * demo region (Twente) and one outside it; BRINs starting with 98 are invented. The same bytes are in
 * docs/samples/duo-vestigingen-voorbeeld.csv (a test keeps them equal); served as the import page's sample.
 */
export const duoSampleCsv = [
  'PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;DENOMINATIE;TELEFOONNUMMER;INTERNETADRES;ONDERWIJSSTRUCTUUR;SOORT PO',
  'Overijssel;99801;98AA;98AA00;Kindcentrum De Weverij;Weverstraat;14;7511 AB;ENSCHEDE;0153;ENSCHEDE;Openbaar;0530000101;www.kc-deweverij.example;;Basisonderwijs',
  'Overijssel;99801;98AA;98AA01;Kindcentrum De Weverij, dependance Noord;Lijsterstraat;3;7521 CD;ENSCHEDE;0153;ENSCHEDE;Openbaar;0530000102;www.kc-deweverij.example;;Basisonderwijs',
  'Overijssel;99802;98AB;98AB00;Basisschool Het Vlasveld;Vlasakker;22-A;7550 EF;HENGELO;0164;HENGELO;Rooms-Katholiek;0740000103;www.hetvlasveld.example;;Basisonderwijs',
  'Overijssel;99803;98AC;98AC00;SBO De Molenwiek;Molenstraat;8;7600 GH;ALMELO;0141;ALMELO;Protestants-Christelijk;0546000104;www.demolenwiek.example;;Speciaal basisonderwijs',
  'Overijssel;99804;98AD;98AD00;Lyceum Twentestad;Haaksbergerstraat;140;7541 JK;ENSCHEDE;0153;ENSCHEDE;Algemeen bijzonder;0530000105;www.lyceumtwentestad.example;HAVO/VWO;',
  'Overijssel;99804;98AD;98AD01;Lyceum Twentestad, locatie Glanerbrug;Kastanjelaan;5;7533 LM;ENSCHEDE;0153;ENSCHEDE;Algemeen bijzonder;0530000106;www.lyceumtwentestad.example;VBO/MAVO;',
  'Overijssel;99805;98AE;98AE00;Techniekcollege Hengelo;Fabrieksstraat;61;7554 NP;HENGELO;0164;HENGELO;Openbaar;0740000107;www.techniekcollege-hengelo.example;VBO/MAVO/HAVO;',
  'Overijssel;99806;98AF;98AF00;De Kei, school voor (voortgezet) speciaal onderwijs;Esweg;30;7570 RS;OLDENZAAL;0173;OLDENZAAL;Openbaar;0541000108;www.dekei-so.example;;Speciaal en voortgezet speciaal onderwijs',
  'Overijssel;99807;98AG;98AG00;Basisschool De Toren;Kerkstraat;1;8011 TV;ZWOLLE;0193;ZWOLLE;Protestants-Christelijk;0380000109;www.detoren-zwolle.example;;Basisonderwijs',
].map((line) => `${line}\r\n`).join('');
