/**
 * Lower case, no diacritics (đ → d), single spaces, trimmed: "Quý II", "quy ii" and "QUÝ  II" read alike, as do
 * "Đơn vị chủ trì" and "DON VI CHU TRI".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
