// Transliteration-aware phonetic key for names that reach English by several spellings
// (Mohammed/Muhammad, Zainab/Zaynab, Ciaran/Kieran, Kowalski/Kovalski, Yusuf/Yousef).
// Double metaphone is tuned to English spelling and misses many of these; this key instead folds the
// letters that transliterations disagree on: every vowel run (y included) becomes one "a", doubled
// letters collapse, h after a consonant or at the end is dropped, and c/k/q, w/v, ph/f, z/s-less
// Slavic digraphs are unified. Pure; input is a normalised name (lower-case letters only).

const RULES: readonly [RegExp, string][] = [
  [/(?<=.{3}[^aeiouy])e$/, ''], // a silent final e: jasmine/yasmin, lamine/lamin
  [/sch/g, 'sh'],
  [/sz/g, 's'],
  [/cz|ch|tch/g, 'x'],
  [/ph/g, 'f'],
  [/ck|q|c/g, 'k'],
  [/x(?=s)/g, 'k'],
  [/(?<=[aeiou])w(?![aeiou])/g, 'u'], // a w closing a vowel is a vowel: chowdhury/chaudhry
  [/w/g, 'v'],
  [/j(?=[aeiou])/g, 'y'], // Jusuf/Yusuf, Jakub/Yakub, Jasmin/Yasmin
  [/([bdfgkmnprtvz])h/g, '$1'], // kh, gh, dh, th, bh: the h is a transliteration mark
  [/(.)\1+/g, '$1'],
];

/** e.g. mohammed, muhammad, mohamad -> "mahamad"; zainab, zaynab -> "zanab"; ciaran, kieran -> "karan". */
export function translitKey(name: string): string {
  if (name === '') return '';
  let s = name;
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  // y is a consonant only before a vowel at the start (yusuf); elsewhere it is a vowel (zaynab, kowalsky).
  const head = /^y[aeiou]/.test(s) ? 'y' : '';
  s = head + s.slice(head.length).replace(/[aeiouy]+/g, 'a');
  s = s.replace(/ah$/, 'a').replace(/(.)\1+/g, '$1');
  return s;
}
