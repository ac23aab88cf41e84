console.log("courses: nothing yet");
