// Input of the regional export: a period of UK calendar days (the reports' Period, with its messages).
import { Period } from '../../platform/http/schemas.ts';

export const ExportQuery = Period;
