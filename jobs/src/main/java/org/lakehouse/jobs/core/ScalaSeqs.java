package org.lakehouse.jobs.core;

import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Column-name lists as the Scala {@code Seq} some Dataset methods take (joins on named columns, dropFields). */
public final class ScalaSeqs {
    private ScalaSeqs() {
    }

    public static Seq<String> of(String... names) {
        return CollectionConverters.asScala(List.of(names)).toSeq();
    }
}
