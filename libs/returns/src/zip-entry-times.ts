const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

const dosTimeAndDate = (instant: Date): { readonly time: number; readonly date: number } => ({
  time: (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | Math.floor(instant.getUTCSeconds() / 2),
  date: ((instant.getUTCFullYear() - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) | instant.getUTCDate(),
});

/**
 * The zip writer under exceljs stamps every entry with the clock: this sets every entry's
 * modification time to one instant instead (UTC, as that writer does), so that the same
 * workbook always gives the same bytes. The checksums cover the contents only, not these fields.
 */
export const stampZipEntries = (zip: Buffer, instant: Date): Buffer => {
  const out = Buffer.from(zip);
  const { time, date } = dosTimeAndDate(instant);
  let end = out.length - 22;
  while (end >= 0 && out.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new RangeError('Not a zip file: no end of central directory.');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let entry = 0; entry < entries; entry++) {
    if (out.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new RangeError('Not a zip file: a broken central directory.');
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new RangeError('Not a zip file: a central directory entry without its file.');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
};
