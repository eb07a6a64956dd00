package org.glassbox.inference.onnx;

/**
 * Something in an ONNX graph GlassBox cannot map: a malformed tensor, an unknown op, an attribute
 * or shape outside what the op supports. The compiler adds the node and file to the message.
 */
final class OnnxFormatException extends Exception {
    OnnxFormatException(String message) {
        super(message);
    }
}
