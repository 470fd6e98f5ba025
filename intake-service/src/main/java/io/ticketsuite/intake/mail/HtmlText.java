package io.ticketsuite.intake.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Turns an HTML email body into readable plain text with jsoup: paragraphs and line breaks kept, markup dropped. */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "tr",
            "blockquote",
            "pre",
            "section",
            "article",
            "header",
            "footer",
            "hr");

    private HtmlText() {}

    public static String of(String html) {
        Element body = Jsoup.parse(html).body();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(
                new NodeVisitor() {
                    @Override
                    public void head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            out.append(text.text());
                        } else if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (tag.equals("br")) {
                                out.append('\n');
                            } else if (tag.equals("li")) {
                                out.append("\n- ");
                            } else if (tag.equals("td") || tag.equals("th")) {
                                out.append(' ');
                            } else if (BLOCKS.contains(tag)) {
                                out.append("\n\n");
                            }
                        }
                    }

                    @Override
                    public void tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (BLOCKS.contains(tag)) {
                                out.append("\n\n");
                            } else if (tag.equals("a")) {
                                String href = e.attr("href");
                                if (href.startsWith("http") && !e.text().contains(href)) {
                                    out.append(" <").append(href).append('>');
                                }
                            }
                        }
                    }
                },
                body);
        return tidy(out.toString());
    }

    /** Trims each line and keeps at most one blank line between paragraphs. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.replace('\u00a0', ' ').split("\n", -1)) {
            String trimmed = line.strip().replaceAll(" {2,}", " ");
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blank = 0;
        }
        return out.toString();
    }
}
