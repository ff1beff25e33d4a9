/**
 * Web mode's stand-in for an open dialog for copy: a file `<input>` the
 * person picks a .txt/.docx/.html file with.
 */

/** A file to upload: its name, size and a body fetch can send without copying it. */
export interface PickedFile {
  name: string;
  size: number;
  body: Blob | Uint8Array;
}

/** What a copy picker accepts. */
export const COPY_FILE_ACCEPT = '.txt,.text,.docx,.html,.htm,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Opens the browser's file picker; resolves with the file, or null when the
 * picker was cancelled. Must be called from a user gesture (a click, a key).
 */
export function pickCopyFile(): Promise<PickedFile | null> {
  return pickFile(COPY_FILE_ACCEPT, 'bmCopyPicker');
}

/** What an image picker accepts (the formats a photo frame places). */
export const IMAGE_FILE_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';

/** The file picker for an image to place (web mode's stand-in for the desktop's dialog). */
export function pickImageFile(): Promise<PickedFile | null> {
  return pickFile(IMAGE_FILE_ACCEPT, 'bmImagePicker');
}

/** What an output profile picker accepts. */
export const PROFILE_FILE_ACCEPT = '.icc,.icm,application/vnd.iccprofile';

/** The file picker for an output ICC profile (web mode's stand-in for the desktop's dialog). */
export function pickProfileFile(): Promise<PickedFile | null> {
  return pickFile(PROFILE_FILE_ACCEPT, 'bmProfilePicker');
}

function pickFile(accept: string, marker: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    input.dataset[marker] = 'true';
    const done = (file: File | null) => {
      input.remove();
      resolve(file ? { name: file.name, size: file.size, body: file } : null);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}
