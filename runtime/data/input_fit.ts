// Does the data fit the network's `input`? Decides resizing and flattening, or says which flag fixes it.
import type { Shape } from '../../compiler/ops/op_spec.js';
import { DataError } from '../errors.js';

export interface InputPlan {
  /** Resize images to this square size on the device (bilinear, as torchvision's Resize). */
  resize?: number;
  /** The network takes flat [C·H·W] features. */
  flatten: boolean;
}

export function planInput(network: string, input: Shape, image: [number, number, number], resize: number | undefined): InputPlan {
  const [c, h, w] = image;
  const size = resize ?? h;
  if (resize !== undefined && (!Number.isInteger(resize) || resize < 1)) throw new DataError(`--resize must be a positive integer, got ${resize}`);
  const dims = `[${c}, ${size}, ${resize ?? w}]`;
  if (input.length === 1) {
    if (input[0] === c * size * (resize ?? w)) return { resize, flatten: true };
    throw new DataError(`network ${network} takes [${input[0]}] features but the images give ${dims} = ${c * size * (resize ?? w)}`);
  }
  if (input[0] !== c) throw new DataError(`network ${network} takes ${input[0]} input channels but the images have ${c}`);
  if (input[1] === size && input[2] === (resize ?? w)) return { resize, flatten: false };
  const fix = input[1] === input[2] ? `; add --resize ${input[1]} (as D2L does for AlexNet and VGG)` : '';
  throw new DataError(`network ${network} takes input [${input.join(', ')}] but the images are ${dims}${fix}`);
}
