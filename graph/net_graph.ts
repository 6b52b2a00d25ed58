// The drawable graph of a network: plain JSON (what `netc graph --json` prints and the page lays out).
import type { SourceRef } from '../compiler/ir.js';

export type { SourceRef };

export interface NetGraph {
  network: string;
  /** Drawn leaves: IR layers (the input included) and collapsed groups, in the IR's topological order. */
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Every visible scope, outermost first; collapsed ones are drawn as one node with the same id. */
  groups: GraphGroup[];
}

export interface GraphNode {
  /** The IR node's name, or for a collapsed group its group id (the first scope path of the run). */
  id: string;
  kind: 'layer' | 'group';
  /** A layer: its name inside the enclosing drawn group (`conv1`); a group: the block name, `×N` for a run of N. */
  label: string;
  /** The layer's op; for a group the scope kind ('block', 'label', 'branch', 'shortcut'). */
  op: string;
  /** The op family (compiler/ops), which picks the colour; 'group' for groups. */
  family: string;
  /** A short description of the attributes that matter when reading the drawing: `7×7 /2, 64`. */
  detail: string;
  /** Output shape per example (a group's: its last layer's). */
  shape: number[];
  /** Learnable parameters (a group: of every layer inside). */
  params: number;
  macs: number;
  source: SourceRef;
  /** 1, or the layers inside a collapsed group. */
  layers: number;
  /** The group (drawn, expanded) it sits in; absent at the top level. */
  parent?: string;
}

export interface GraphEdge {
  /** `FROM->TO`, unique. */
  id: string;
  from: string;
  to: string;
  /** The producing layer's output shape: `64×56×56`, `[120]` for a vector. */
  label: string;
}

export interface GraphGroup {
  /** The IR scope path (`stage2.0`, `stage2.0.shortcut`). */
  id: string;
  kind: 'block' | 'label' | 'branch' | 'shortcut';
  /** The block's name, or the label. */
  name: string;
  /** The enclosing drawn group. */
  parent?: string;
  collapsed: boolean;
  /** Ids of what is drawn directly inside (nodes and groups); empty when collapsed. */
  children: string[];
  source: SourceRef;
  /** The scope paths a collapsed node stands for: [id], or every call of a run of identical consecutive calls. */
  members: string[];
}

export interface BuildOptions {
  /** 'none': every group collapsed; 'all': every group expanded; a list: the default plus these expanded
   *  (naming any call of a run expands the run; a nested id expands its enclosing groups too). */
  expanded?: 'none' | 'all' | string[];
  /** Groups to collapse, applied last (how the page folds a group that is open by default). */
  collapsed?: string[];
}
