package dev.ampulla.knowledge.pack;

import java.util.List;

/** A text of the pack the program asks for by name, with the arguments it may print (data problems, evidence words). */
interface Sentence extends Keyed {

    List<String> arguments();
}
