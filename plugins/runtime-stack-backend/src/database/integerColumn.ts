/**
 * The largest value of an `integer` column on PostgreSQL (4 bytes, signed).
 * A larger number sent to compare with one is an error there (22003), not
 * a row that does not match, so input is bounded by it before any query.
 */
export const INTEGER_COLUMN_MAX = 2 ** 31 - 1;
