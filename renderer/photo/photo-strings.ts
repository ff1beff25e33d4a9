/** UI strings of photos (placing, cropping, resolution), zh-CN first. */
import { language } from '../i18n/i18n';

const zhCN = {
  placeImage: '置入图片',
  placeImageTitle: '置入 JPEG / PNG 图片：放进选中的图片框，或作为新图片块（也可把图片文件拖到版面上）',
  crop: '裁切',
  cropTitle: '裁切图片：拖动或方向键平移，滚轮或滑块缩放，Esc 结束（也可双击图片）',
  fitFill: '适合',
  fitTitle: '整幅显示图片（适合）',
  fillFrame: '填充',
  fillTitle: '图片填满图框（填充，裁去多余部分）',
  zoom: '缩放',
  ppiTitle: '印刷有效分辨率',
  ppiWarn: '低于 150 ppi，印刷会发虚',
  ppiError: '低于 100 ppi，印刷会模糊',
  placing: '正在置入',
  placed: '已置入',
  placeRefused: '图片置入失败',
  dropOneImage: '一次拖入一张图片',
  dropOnPage: '把图片拖到版面的版心内',
  notAnImage: '只能置入 JPEG 或 PNG 图片',
  captionHint: '图片说明',
  creditHint: '记者 × 摄',
};

const en: typeof zhCN = {
  placeImage: 'Place image',
  placeImageTitle: 'Place a JPEG / PNG image: into the selected photo frame, or as a new photo block (or drag an image file onto the page)',
  crop: 'Crop',
  cropTitle: 'Crop the image: drag or arrow keys to pan, wheel or slider to zoom, Esc to finish (or double-click the photo)',
  fitFill: 'Fit',
  fitTitle: 'Show the whole image (fit)',
  fillFrame: 'Fill',
  fillTitle: 'Fill the frame with the image (fill, cropping the rest)',
  zoom: 'Zoom',
  ppiTitle: 'Effective resolution in print',
  ppiWarn: 'below 150 ppi, it will print soft',
  ppiError: 'below 100 ppi, it will print blurred',
  placing: 'Placing',
  placed: 'Placed',
  placeRefused: 'Image not placed',
  dropOneImage: 'Drop one image at a time',
  dropOnPage: 'Drop the image inside the page’s type area',
  notAnImage: 'Only JPEG or PNG images can be placed',
  captionHint: 'Caption',
  creditHint: 'Photo: …',
};

export type PhotoStringKey = keyof typeof zhCN;

export function pt(key: PhotoStringKey): string {
  return (language() === 'zh-CN' ? zhCN : en)[key];
}
