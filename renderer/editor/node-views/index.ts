/** The NodeViews of the page editor, one per node type that needs one. */
import type { NodeViewConstructor } from 'prosemirror-view';
import { GalleyBody } from '../shape/galley-body';
import { shapeFromDecorations } from '../shape/shape-decoration';
import { BinView } from './bin-view';
import { LabelView } from './label-view';
import { MastheadView } from './masthead-view';
import { PageView } from './page-view';
import { PhotoView } from './photo-view';
import { RuleView } from './rule-view';
import { TextBlockView } from './text-block-view';
import { BodyView, BylineView, CrossheadView, HeadGroupView, HeadLineView } from './story-parts';
import { StoryView } from './story-view';
import { TeaserItemView, TeaserView } from './teaser-view';
import type { ViewContext } from './view-context';

export function nodeViews(ctx: ViewContext): Record<string, NodeViewConstructor> {
  return {
    // A page of an edition (a page document is the view's root and has no NodeView).
    page: (node, _view, _getPos, decorations) => new PageView(node, decorations),
    story: (node) => new StoryView(node, ctx),
    headgroup: (node) => new HeadGroupView(node, ctx),
    kicker: (node) => new HeadLineView(node, ctx),
    headline: (node) => new HeadLineView(node, ctx),
    subheadline: (node) => new HeadLineView(node, ctx),
    byline: (node) => new BylineView(node, ctx),
    body: (node, _view, getPos, decorations) => {
      const shape = shapeFromDecorations(decorations);
      return shape ? new GalleyBody(node, ctx, shape, getPos) : new BodyView(node, ctx);
    },
    crosshead: (node) => new CrossheadView(node, ctx),
    // Body paragraphs, captions and credits: set in their paragraph style.
    paragraph: (node) => new TextBlockView(node, ctx),
    caption: (node) => new TextBlockView(node, ctx),
    credit: (node) => new TextBlockView(node, ctx),
    photo: (node, view, _getPos, decorations) => new PhotoView(node, ctx, { view, decorations }),
    label: (node, _view, _getPos, decorations) => new LabelView(node, ctx, decorations),
    masthead: (node, view) => new MastheadView(node, ctx, view),
    rule: (node, _view, _getPos, decorations) => new RuleView(node, ctx, decorations),
    teaser: (node, _view, _getPos, decorations) => new TeaserView(node, ctx, decorations),
    teaser_item: (node) => new TeaserItemView(node, ctx),
    bin: (node, view) => new BinView(node, ctx, view),
  };
}
