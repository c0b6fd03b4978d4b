package io.fraudstream.model.scoring;

/** A model file that cannot be served; the message names the file and the path of the fault. */
public class ModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }
}
