// Name pools for the UK-style referral generator (uk-style.ts), written by hand for Jigsaw.
// Each line: a name as a record would first give it, then spellings and nicknames a later record of the
// same child might use instead. Deliberately not identical to the matcher's lexicon: a share of these
// variants are absent from lexicon/*.csv so that the phonetic and spelling levels are tested too.
// Origins are mixed within households and pools so the data is not partitioned by origin.

const GIVEN_F = `
olivia livvy liv|amelia millie amy|isla|ava|emily emilie em|grace gracie|lily lilly lillie|sophie sophia sofia
jessica jess jessie|charlotte lottie charlie|katherine kate katie kathryn catherine cathy kat|elizabeth liz lizzie beth libby
rebecca becky becca|kayleigh kaylee kayley kayla|chelsea chelsey|courtney kourtney|megan meg meghan|hannah hanna
abigail abbie abby|eleanor ellie nell|natalie nat|jasmine jasmin jazmin jaz|chloe cloe|amber|paige|demi
shannon shanon|leah lea|lauren loren|georgia georgie|molly mollie|poppy|evie eve|victoria vicky tori
samantha sam sammie|jennifer jen jenny|alexandra alex lexi|tia tiah|mia|ruby|holly hollie
siobhan shivaun shevaun chevonne|niamh neve neeve|aoife eefa|saoirse seersha|sinead shinead|roisin rosheen
caoimhe keeva|grainne grania|orla orlagh|ciara kiara keira|clodagh cloda|aisling ashling aislinn|eimear emer|bridget brigid bridie
priya pria|pooja puja|nisha neesha|anjali anjalee|simran simrun|harpreet harprit|jaspreet jasprit|gurpreet gurprit
navdeep navdip|ayesha aisha aysha aishah|sana sanaa|iqra ikra|hira heera|farzana farzanah|nasreen nasrin
rukhsana ruksana|tasnim tasneem|sumaiya sumaya sumayyah|fatima fatimah fatema fatma|amna aamna|mehreen mehrin
zainab zaynab zeinab zenab|khadija khadijah khadeeja|maryam mariam maryum|noor nur nour|layla leila laila leyla
amira ameera amirah|yasmin yasmeen yasmine|salma selma|rania raniya|hana hanaa|malak
chioma|adaeze|ngozi ngozie|chiamaka amaka|folasade sade shade folashade|funmilayo funmi|temitope tope temi
abimbola bimbo|blessing|precious|favour favor|esther|ama amma|akosua|abena abenaa|adwoa adjoa
aminata aminatta|fatoumata fatumata fatou|mariama|kadiatou kadiatu
zuzanna zuzana zuza|oliwia|aleksandra alexandra ola|katarzyna kasia katarina|malgorzata gosia|agnieszka aga agnes
magdalena magda|natalia natalie natasha|anastasia nastya anastazja|ekaterina katya yekaterina katerina
yulia julia yuliya|iryna irina|olena elena alena|daria darya dasha|viktoria victoria wiktoria vika|ioana joana|andreea andrea`;

const GIVEN_M = `
william will bill billy liam|thomas tom tommy|james jamie jim jimmy|oliver ollie olly|henry harry hal|charles charlie
daniel danny dan|joshua josh|samuel sam sammy|benjamin ben benji|alexander alex xander|matthew matt
michael mike mikey mick|christopher chris kit|edward ed eddie ted teddy|frederick freddie fred|alfie alfred alf
jacob jake jakob|joseph joe joey|robert rob bob bobby robbie|richard rick ricky richie|anthony tony ant
jayden jaden jaiden jaydon|tyler|kyle|callum calum|connor conor|lewis louis|rhys reece reese|aidan aiden ayden
ethan|mason|riley reilly|logan|dylan dillon|jordan|reuben ruben|archie archibald|theo theodore|stanley stan
leon|zachary zach zak zac|dominic dom|nicholas nick nicky|jack|harrison|noah|george|oscar|leo
ciaran kieran kieron keiran|padraig patrick paddy pat|eoin owen eoghan|seamus shamus seamas|ruairi rory ruari
tadhg teague|cathal cahal|donal domhnall|oisin osheen|niall neil neal|declan|cormac|fionn finn|darragh daragh dara
sean shaun shawn|colm colum
mohammed muhammad mohammad muhammed mohamed mohd|ahmed ahmad|hussain husain hussein hossain|imran imraan
irfan irfaan|bilal belal|hamza hamzah|usman osman uthman|umar omar omer|zain zayn|ayaan ayan aayan
rehan rayhan raihan reyhan|arjun arjan|rohan|sandeep sandip|pradeep pradip|harjit harjeet|gurdeep gurdip
rajinder rajindar raj|vikram vik|siddharth siddarth sid|abdul abdel|abdullah abdulla abdallah|faisal faysal feisal
tariq tarik tareq|shahid shaheed|kamran|rizwan rezwan|danyal daniyal
yusuf yousuf yousef yusef youssef|ibrahim ebrahim ibraheem|ismail ismael esmail|hassan hasan|khalid khaled
mustafa mostafa moustafa mustapha|karim kareem|abdulrahman abdelrahman|jamal jamaal|walid waleed|samir sameer
chukwuemeka emeka|oluwafemi femi|damilare dami|olumide mide|adebayo bayo|babatunde tunde|ayodeji ayo deji
olusegun segun shegun|chinedu nedu|obinna obina|kwame|kofi koffi|kwabena kobina|kwaku kweku|yaw yao
ousmane ousman|mamadou mamadu|ibrahima ebrima|lamine lamin|abdoulaye abdulai
wojciech wojtek voytek|krzysztof krzys|jakub kuba|mateusz mateus|piotr piotrek|tomasz tomek|lukasz lukas
pawel pavel|michal mihal|aleksander olek|dmitri dmitry dmitriy dima|sergei sergey serhiy|oleksandr aleksandr sasha
andriy andrii andrei andrey|mykola mikola nikolai|ivan iwan|ionut|vasile vasyl|bogdan bohdan|marius mariusz`;

const FAMILY = `
smith smyth|jones|williams|taylor|brown browne|davies davis|evans|wilson|thompson thomson|clarke clark|johnson
walker|wright|robinson|white whyte|hughes|edwards|green greene|hall|wood|harris|lewis|martin|jackson|cooper
turner|hill|ward|morris|moore|king|baker|scott|mitchell|kelly|carter|stevens stephens|phillips philips|gray grey
reid reed|macdonald mcdonald|mackenzie mckenzie|maclean mclean|mcintyre macintyre|roberts|walsh welsh|young
murphy|obrien o'brien|oneill o'neill oneil|osullivan o'sullivan|byrne byrnes|ryan|oconnor o'connor|mccarthy maccarthy
doyle|gallagher gallacher|kennedy|quinn quin|mcloughlin mclaughlin|donnelly donelly|brennan|keane kane|dunne dunn
fitzgerald|kavanagh cavanagh|maguire mcguire|mahony mahoney|nolan|moran|hegarty hagerty
patel|khan kahn|ali|hussain husain hussein hossain|ahmed ahmad|begum begam|singh|kaur kour|shah|sharma|kumar
chaudhry chaudhary choudhury chowdhury choudhry|rahman rehman|iqbal ikbal|akhtar akhter|mahmood mahmud mehmood
qureshi kureshi quraishi|siddiqui siddiqi siddique|malik malick|mistry mistri|bibi|islam|uddin udin|miah meah
sandhu|gill|dhillon dhilon|bains|mirza
hassan hasan|abdullah abdulla|ibrahim ebrahim|mohamed mohammed muhammad|osman othman|mustafa mostafa|saleh salih
haddad|elsayed el-sayed|nasser nasir|youssef yousef|mansour mansoor|aziz azeez|hamdan
okafor|adeyemi|okonkwo|adebayo|mensah mensa|osei|asante|boateng|owusu|ogunleye|nwosu|eze ezeh|obi|diallo jalloh jallow
bah|sesay|kamara camara|kargbo|conteh conte|toure|traore
nowak novak|kowalski kowalsky kovalski|wisniewski wisnewski|wojcik|kaminski kaminsky|lewandowski|zielinski
szymanski szymansky|kowalczyk kovalchik|popescu|popa|ionescu|petrov petroff|ivanov ivanoff|shevchenko
kovalenko|bondarenko|melnyk melnik|horvath horvat|novotny nowotny`;

export interface NameEntry {
  name: string;
  variants: string[];
}

function parse(text: string): NameEntry[] {
  return text
    .split(/[|\n]/)
    .map((entry) => entry.trim().split(/\s+/))
    .filter((words) => words[0] !== '')
    .map(([name, ...variants]) => ({ name, variants }));
}

export const GIVEN_FEMALE = parse(GIVEN_F);
export const GIVEN_MALE = parse(GIVEN_M);
export const FAMILY_NAMES = parse(FAMILY);
/** Names a child may be known by instead of their own (street names, shortenings): alias records. */
export const ALIASES = 'jay dee kay tee jj bigman lil smokey ace princess baby ty ricky tash star blue zee'.split(' ');
